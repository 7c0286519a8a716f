package io.portal.acme;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * The acme4j session with the configured CA, using the portal's trust settings and
 * timeout. One session is shared: acme4j 4 sessions are thread-safe, and sharing keeps the
 * directory and nonce cached. Thread-safe.
 */
class AcmeSessions {

    private final String directory;

    private final SSLContext sslContext;

    private final Duration timeout;

    private volatile Session session;

    AcmeSessions(String directory, SSLContext sslContext, Duration timeout) {
        this.directory = directory;
        this.sslContext = sslContext;
        this.timeout = timeout;
    }

    String directory() {
        return this.directory;
    }

    Session session() {
        Session current = this.session;
        if (current == null) {
            synchronized (this) {
                current = this.session;
                if (current == null) {
                    current = new Session(URI.create(this.directory), new TrustingProvider(this.sslContext));
                    current.networkSettings().setTimeout(this.timeout);
                    this.session = current;
                }
            }
        }
        return current;
    }

    /**
     * Where the CA's terms of service are, for the message when they are not accepted.
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
     * Forget the cached directory and nonce, after the CA was unreachable or restarted.
     */
    void reset() {
        this.session = null;
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
