package io.portal.acme;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;

import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * The acme4j sessions with the CAs, using the portal's trust settings and timeout: one
 * per directory, shared, because acme4j 4 sessions are thread-safe and sharing keeps the
 * directory and nonce cached. The configured CA ({@code portal.acme.directory}) is the
 * default; certificates requested at runtime may name others. Thread-safe.
 */
class AcmeSessions {

    /**
     * How many other CAs' sessions are kept; beyond that they are made again as needed.
     */
    private static final int MAX_SESSIONS = 16;

    private final String directory;

    private final SSLContext sslContext;

    private final Duration timeout;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    AcmeSessions(String directory, SSLContext sslContext, Duration timeout) {
        this.directory = directory;
        this.sslContext = sslContext;
        this.timeout = timeout;
    }

    /**
     * The configured CA's directory URL.
     * @return the URL
     */
    String directory() {
        return this.directory;
    }

    Session session() {
        return session(this.directory);
    }

    Session session(String directory) {
        Session session = this.sessions.get(directory);
        if (session != null) {
            return session;
        }
        if (this.sessions.size() >= MAX_SESSIONS) {
            this.sessions.keySet().removeIf((url) -> !url.equals(this.directory));
        }
        return this.sessions.computeIfAbsent(directory, (url) -> {
            Session created = new Session(URI.create(url), new TrustingProvider(this.sslContext));
            created.networkSettings().setTimeout(this.timeout);
            return created;
        });
    }

    /**
     * Where the configured CA's terms of service are, for the message when they are not
     * accepted.
     * @return their URL, or empty if the CA cannot be asked or does not say
     */
    Optional<String> termsOfService() {
        try {
            return session().getMetadata().getTermsOfService().map(URI::toString);
        }
        catch (AcmeException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    /**
     * What a CA's directory says about it, read from the CA (once per session).
     * @param directory the directory URL
     * @return the CA's description
     * @throws IssuanceException if the directory cannot be read
     */
    AcmeDirectory describe(String directory) {
        try {
            Metadata metadata = session(directory).getMetadata();
            return new AcmeDirectory(directory, metadata.getTermsOfService().map(URI::toString).orElse(null),
                    metadata.getWebsite().map(Object::toString).orElse(null), metadata.isExternalAccountRequired());
        }
        catch (AcmeException | RuntimeException ex) {
            reset(directory);
            throw AcmeFailures.translate("reading its directory", directory, ex);
        }
    }

    /**
     * Forget the configured CA's cached directory and nonce, after it was unreachable or
     * restarted.
     */
    void reset() {
        reset(this.directory);
    }

    void reset(String directory) {
        this.sessions.remove(directory);
    }

    /**
     * acme4j's generic provider with our TLS trust instead of the JVM default, so private
     * CAs (portal.acme.trust-store) work without touching the JVM-wide trust store.
     */
    private static final class TrustingProvider extends GenericAcmeProvider {

        private final SSLContext sslContext;

        TrustingProvider(SSLContext sslContext) {
            this.sslContext = sslContext;
        }

        @Override
        public HttpClient createHttpClient(NetworkSettings settings) {
            return HttpClient.newBuilder()
                .sslContext(this.sslContext)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(settings.getTimeout())
                .proxy(settings.getProxySelector())
                .build();
        }

    }

}
