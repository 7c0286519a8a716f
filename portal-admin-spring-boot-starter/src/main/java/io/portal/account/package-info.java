/**
 * Administrator accounts, API tokens and the throttling of failed sign-ins.
 */
package io.portal.account;
