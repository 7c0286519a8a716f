package io.portal.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.portal.account.AdminAccounts;
import io.portal.account.ApiTokens;
import io.portal.binding.Binding;
import io.portal.binding.BindingChangedEvent;
import io.portal.binding.Listeners;
import io.portal.binding.Listeners.ListenerState;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * Leaves the running portal's admin API to the shell commands on its machine: once the
 * portal listens, a token for this process only (replacing those of the node's previous
 * starts, including any a killed run left behind) and the
 * loopback URL of a binding go into {@link LocalApiFile}; a binding change rewrites the
 * URL; a graceful stop removes both. Over HTTPS when there is an HTTPS binding, so that
 * the token never depends on a plain-HTTP exception.
 */
class LocalApiPublisher {

    /**
     * The name of the token, as the audit log shows it: {@code admin (token 'shell')}.
     */
    static final String TOKEN_NAME = "shell";

    private static final Log logger = LogFactory.getLog(LocalApiPublisher.class);

    private final Path file;

    private final ApiTokens tokens;

    private final Listeners listeners;

    private volatile String token;

    private volatile String url;

    LocalApiPublisher(Path dataDir, ApiTokens tokens, Listeners listeners) {
        this.file = LocalApiFile.in(dataDir);
        this.tokens = tokens;
        this.listeners = listeners;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void publish() {
        try {
            Optional<LocalApiFile> previous = LocalApiFile.read(this.file);
            this.token = this.tokens.createLocal(TOKEN_NAME, AdminAccounts.ADMIN, node(this.file),
                    previous.map(LocalApiFile::token).orElse(null))
                .secret();
            write();
        }
        catch (RuntimeException ex) {
            logger.warn("The shell commands on this machine cannot reach this portal's admin API: " + ex.getMessage()
                    + ". Point them at it with --url and PORTAL_TOKEN.");
        }
    }

    @EventListener
    synchronized void bindingChanged(BindingChangedEvent event) {
        if (this.token != null) {
            write();
        }
    }

    @EventListener(ContextClosedEvent.class)
    synchronized void withdraw() {
        if (this.token == null) {
            return;
        }
        try {
            Optional<LocalApiFile> current = LocalApiFile.read(this.file);
            if (current.isPresent() && current.get().token().equals(this.token)) {
                Files.deleteIfExists(this.file);
            }
            this.tokens.deleteLocal(this.token);
        }
        catch (IOException | RuntimeException ex) {
            logger.warn("Cannot remove " + this.file + ": " + ex.getMessage() + "; the shell will find its token refused");
        }
        this.token = null;
    }

    private void write() {
        Optional<String> chosen = url(this.listeners.states());
        try {
            if (chosen.isEmpty()) {
                Files.deleteIfExists(this.file);
                this.url = null;
                return;
            }
            createPrivately(this.file.getParent());
            new LocalApiFile(chosen.get(), this.token, ProcessHandle.current().pid()).write(this.file);
            if (!chosen.get().equals(this.url)) {
                logger.info("The shell commands on this machine reach the admin API at " + chosen.get() + " (see " + this.file
                        + ")");
            }
            this.url = chosen.get();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * What tells this node from the others that share the store, the same at every
     * start: its host and data directory (where the file is).
     */
    static String node(Path file) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            host = "localhost";
        }
        return host + "\n" + file;
    }

    /**
     * The URL for the shell: an HTTPS binding before an HTTP one, a binding that loopback
     * reaches (every interface, or a loopback address) before one on another address.
     */
    static Optional<String> url(List<ListenerState> states) {
        return states.stream()
            .filter(ListenerState::running)
            .min(Comparator.comparing((ListenerState state) -> !state.binding().isHttps())
                .thenComparing((state) -> !reachableOnLoopback(state.binding())))
            .map((state) -> state.binding().scheme().id() + "://" + host(state.binding()) + ":" + state.localPort());
    }

    private static boolean reachableOnLoopback(Binding binding) {
        if (binding.isWildcard()) {
            return true;
        }
        try {
            return InetAddress.getByName(binding.address()).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }

    private static String host(Binding binding) {
        if (binding.isWildcard()) {
            return "127.0.0.1";
        }
        String address = binding.address();
        return (address.contains(":") && !address.startsWith("[")) ? "[" + address + "]" : address;
    }

    private static void createPrivately(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        else {
            Files.createDirectories(directory);
        }
    }

}
