package io.portal.home;

import java.time.Clock;
import java.util.List;

import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateSummary;
import io.portal.certificate.Pem;
import io.portal.server.BindingConnectors;
import io.portal.system.PortalProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The home page, and the public certificates it links to (so an operator can trust a
 * self-signed one).
 */
@Controller
@ConditionalOnWebApplication
class HomeController {

    static final String VIEW = "home";

    private final PortalProperties properties;

    private final BindingConnectors connectors;

    private final CertificateCatalog catalog;

    private final Clock clock;

    HomeController(PortalProperties properties, BindingConnectors connectors, CertificateCatalog catalog, Clock clock) {
        this.properties = properties;
        this.connectors = connectors;
        this.catalog = catalog;
        this.clock = clock;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("portalName", this.properties.getName());
        model.addAttribute("bindings", this.connectors.all().stream().map(BindingView::of).toList());
        model.addAttribute("certificates", this.catalog.entries().stream().map((e) -> CertificateView.of(e, this.clock)).toList());
        return VIEW;
    }

    @GetMapping(path = "/certificates/{name}.pem")
    ResponseEntity<String> certificate(@PathVariable String name) {
        return this.catalog.find(name)
            .map((summary) -> ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/x-pem-file"))
                .header("Content-Disposition", "attachment; filename=\"" + name + ".pem\"")
                .body(Pem.encode(summary.chain())))
            .orElse(ResponseEntity.notFound().build());
    }

    record BindingView(String name, String scheme, String address, int port, String url, String sslBundle,
            List<String> sniHosts, boolean running) {

        static BindingView of(BindingConnectors.Live live) {
            var b = live.binding();
            return new BindingView(b.name(), b.scheme().id(), b.isWildcard() ? "all interfaces" : b.address(), live.localPort(),
                    b.localUrl(), b.sslBundle(), List.copyOf(b.sni().keySet()), live.isRunning());
        }

    }

    record CertificateView(String bundle, String subject, String issuer, List<String> names, String notAfter,
            long daysLeft, String sha256, boolean selfSigned, List<String> warnings, String problem) {

        static CertificateView of(CertificateCatalog.Entry entry, Clock clock) {
            CertificateSummary s = entry.summary();
            if (s == null) {
                return new CertificateView(entry.bundle(), null, null, List.of(), null, 0, null, false, List.of(),
                        entry.problem().getMessage());
            }
            return new CertificateView(entry.bundle(), s.subject(), s.issuer(), s.subjectAlternativeNames(),
                    s.notAfter().toString(), s.timeLeft(clock).toDays(), s.sha256(), s.selfSigned(), s.warnings(), null);
        }

    }

}
