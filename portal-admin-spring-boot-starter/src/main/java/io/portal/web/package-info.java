/**
 * The portal's own web pages: dashboard, bindings wizard, certificates and settings,
 * server-rendered with Thymeleaf from the same services the admin API uses.
 */
package io.portal.web;
