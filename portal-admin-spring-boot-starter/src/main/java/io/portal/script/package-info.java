/**
 * The scripts that previews show ("Show script"): shell commands that replay a change
 * against this portal or another, and the configuration that declares the result.
 */
package io.portal.script;
