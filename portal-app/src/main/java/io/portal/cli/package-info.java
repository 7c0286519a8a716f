/**
 * The shell commands of {@code java -jar portal.jar}: they find the running portal and go
 * through its admin API (or act on the state store while no portal runs), and the local
 * credential a running portal leaves for them.
 */
package io.portal.cli;
