package io.portal.acme;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.portal.binding.Binding;

/**
 * Answers HTTP-01 challenges for {@code certificates renew} when no portal listens: on
 * each HTTP binding whose port is free, a small server answers from the store for as long
 * as the command runs. Where the port is taken, the running portal answers instead.
 */
final class ShellChallengeResponder implements AutoCloseable {

    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final List<HttpServer> servers;

    private final List<String> listening;

    private ShellChallengeResponder(List<HttpServer> servers, List<String> listening) {
        this.servers = servers;
        this.listening = listening;
    }

    /**
     * Listen on every free HTTP binding.
     * @param bindings the configured bindings
     * @param store where the challenges are
     * @return the responder; close it when done
     */
    static ShellChallengeResponder start(List<Binding> bindings, AcmeStore store) {
        List<HttpServer> servers = new ArrayList<>();
        List<String> listening = new ArrayList<>();
        for (Binding binding : bindings) {
            if (binding.isHttps()) {
                continue;
            }
            InetSocketAddress address = binding.isWildcard() ? new InetSocketAddress(binding.port())
                    : new InetSocketAddress(binding.address(), binding.port());
            try {
                HttpServer server = HttpServer.create(address, 0);
                server.createContext(PREFIX, (exchange) -> answer(exchange, store));
                server.start();
                servers.add(server);
                listening.add(binding.name() + " (port " + binding.port() + ")");
            }
            catch (IOException ex) {
                // Taken: a running portal listens there and answers from the same store.
            }
        }
        return new ShellChallengeResponder(servers, listening);
    }

    /**
     * The bindings this responder listens on.
     * @return their descriptions; empty if a running portal answers
     */
    List<String> listening() {
        return this.listening;
    }

    private static void answer(HttpExchange exchange, AcmeStore store) throws IOException {
        String token = exchange.getRequestURI().getPath().substring(PREFIX.length());
        Optional<PendingChallenge> challenge = token.matches("[A-Za-z0-9_-]{1,255}") ? store.findChallenge(token) : Optional.empty();
        byte[] body = challenge.map((c) -> c.keyAuthorization().getBytes(StandardCharsets.US_ASCII)).orElse(new byte[0]);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(challenge.isPresent() ? 200 : 404, challenge.isPresent() ? body.length : -1);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        this.servers.forEach((server) -> server.stop(0));
    }

}
