package io.portal.acme;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import io.portal.testsupport.HttpExchange;
import io.portal.testsupport.PortalInstance;
import io.portal.testsupport.TlsProbe;

import org.springframework.context.PayloadApplicationEvent;

/**
 * Shared steps of the ACME tests.
 */
final class AcmeTestSupport {

    private AcmeTestSupport() {
    }

    /**
     * Portal settings with one ACME certificate, "public", for localhost, served by the
     * default HTTPS binding.
     */
    static Map<String, Object> withPublicCertificate(Map<String, Object> settings) {
        settings.put("portal.certificates.public.acme.domains", "localhost");
        settings.put("portal.bindings.secure.ssl-bundle", "public");
        return settings;
    }

    static int securePort(Map<String, Object> settings) {
        return (int) settings.get("portal.bindings.secure.port");
    }

    static int webPort(Map<String, Object> settings) {
        return (int) settings.get("portal.bindings.web.port");
    }

    static X509Certificate served(Map<String, Object> settings) {
        return TlsProbe.handshake(securePort(settings), "localhost").leaf();
    }

    static List<X509Certificate> servedChain(Map<String, Object> settings) {
        return TlsProbe.handshake(securePort(settings), "localhost").chain();
    }

    /**
     * Whether a chain validates up to the given root, as a client that trusts only that
     * root would check it (without revocation, which Pebble does not serve).
     */
    static boolean validatesTo(List<X509Certificate> chain, X509Certificate root) {
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
            return true;
        }
        catch (Exception ex) {
            return false;
        }
    }

    static HttpExchange.Response health(Map<String, Object> settings) {
        return HttpExchange.get("http://127.0.0.1:" + webPort(settings) + "/actuator/health");
    }

    /**
     * The status of the portal's health, and of its certificates component, as
     * {@code /actuator/health} reports them.
     */
    static List<String> healthStatuses(Map<String, Object> settings) {
        String body = health(settings).body();
        return List.of(JsonPath.read(body, "$.status"), JsonPath.read(body, "$.components.certificates.status"));
    }

    /**
     * Collect the ACME progress events a portal publishes from now on.
     */
    static List<AcmeProgress> recordProgress(PortalInstance portal) {
        List<AcmeProgress> events = java.util.Collections.synchronizedList(new ArrayList<>());
        portal.context().addApplicationListener((PayloadApplicationEvent<AcmeProgress> event) -> events.add(event.getPayload()));
        return events;
    }

}
