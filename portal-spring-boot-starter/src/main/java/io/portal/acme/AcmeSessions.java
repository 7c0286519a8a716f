package io.portal.acme;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import io.portal.certificate.CertificateSummary;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * The acme4j sessions with the CAs, using the portal's trust settings and timeout: one
 * per directory, shared, because acme4j 4 sessions are thread-safe and sharing keeps the
 * directory and nonce cached. The configured CA ({@code portal.acme.directory}) is the
 * default; certificates requested at runtime may name others, and bring the roots of a
 * private CA, which are trusted for that CA's directory only. Thread-safe.
 */
class AcmeSessions {

    /**
     * How many other CAs' sessions are kept; beyond that they are made again as needed.
     */
    private static final int MAX_SESSIONS = 16;

    private final String directory;

    private final SSLContext sslContext;

    private final List<X509Certificate> configuredTrust;

    private final Function<String, List<X509Certificate>> caRoots;

    private final Duration timeout;

    private final JsonMapper json;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private final Map<String, SSLContext> contexts = new ConcurrentHashMap<>();

    /**
     * Sessions that trust the JVM's CAs and some more.
     * @param directory the configured CA's directory URL
     * @param configuredTrust the certificates of {@code portal.acme.trust-store}, trusted
     * for every CA
     * @param caRoots the certificates to trust for one CA's directory only
     * @param timeout the timeout of each request
     * @param json the mapper for reading directories
     */
    AcmeSessions(String directory, List<X509Certificate> configuredTrust, Function<String, List<X509Certificate>> caRoots,
            Duration timeout, JsonMapper json) {
        this.directory = directory;
        this.configuredTrust = List.copyOf(configuredTrust);
        this.sslContext = AcmeTrust.sslContext(this.configuredTrust);
        this.caRoots = caRoots;
        this.timeout = timeout;
        this.json = json;
    }

    AcmeSessions(String directory, SSLContext sslContext, Duration timeout) {
        this.directory = directory;
        this.configuredTrust = List.of();
        this.sslContext = sslContext;
        this.caRoots = (url) -> List.of();
        this.timeout = timeout;
        this.json = JsonMapper.builder().build();
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
        List<X509Certificate> roots = this.caRoots.apply(directory);
        String key = key(directory, roots);
        Session session = this.sessions.get(key);
        if (session != null) {
            return session;
        }
        if (this.sessions.size() >= MAX_SESSIONS) {
            this.sessions.keySet().removeIf((k) -> !k.equals(key(this.directory, this.caRoots.apply(this.directory))));
        }
        return this.sessions.computeIfAbsent(key, (k) -> {
            Session created = new Session(URI.create(directory), new TrustingProvider(sslContext(directory, roots)));
            created.networkSettings().setTimeout(this.timeout);
            return created;
        });
    }

    /**
     * The TLS trust for a CA: the JVM's CAs, {@code portal.acme.trust-store}, and the roots
     * given for this CA only.
     */
    private SSLContext sslContext(String directory, List<X509Certificate> roots) {
        if (roots.isEmpty()) {
            return this.sslContext;
        }
        if (this.contexts.size() >= MAX_SESSIONS) {
            this.contexts.clear();
        }
        return this.contexts.computeIfAbsent(key(directory, roots), (k) -> {
            List<X509Certificate> trusted = new ArrayList<>(this.configuredTrust);
            trusted.addAll(roots);
            return AcmeTrust.sslContext(trusted);
        });
    }

    private static String key(String directory, List<X509Certificate> roots) {
        StringBuilder key = new StringBuilder(directory);
        roots.forEach((root) -> key.append('#').append(CertificateSummary.fingerprint(root)));
        return key.toString();
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
        return describe(directory, List.of());
    }

    /**
     * What a CA's directory says about it, read with bounds on time and size (see
     * {@link AcmeDirectoryReader}), trusting some more roots for this read.
     * @param directory the directory URL, already checked
     * @param roots roots given for this CA that are not stored yet
     * @return the CA's description
     * @throws IssuanceException if the directory cannot be read
     */
    AcmeDirectory describe(String directory, List<X509Certificate> roots) {
        List<X509Certificate> trusted = new ArrayList<>(this.caRoots.apply(directory));
        trusted.addAll(roots);
        return new AcmeDirectoryReader(sslContext(directory, trusted), this.json).read(directory);
    }

    /**
     * Forget the configured CA's cached directory and nonce, after it was unreachable or
     * restarted.
     */
    void reset() {
        reset(this.directory);
    }

    void reset(String directory) {
        this.sessions.keySet().removeIf((key) -> key.equals(directory) || key.startsWith(directory + "#"));
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
