package io.portal.web;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

import io.portal.binding.BindingService;
import io.portal.binding.Listeners;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateRenewals;
import io.portal.certificate.Pem;
import io.portal.cluster.ClusterNodes;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The home page: public for visitors (the portal's name only), the dashboard for signed-in
 * administrators. Also the sign-in page and the certificate downloads.
 */
@Controller
class DashboardController {

    private final BindingService bindings;

    private final Listeners listeners;

    private final CertificateCatalog catalog;

    private final PageWarnings warnings;

    private final CertificateRenewals renewals;

    private final Clock clock;

    private final ClusterNodes nodes;

    DashboardController(BindingService bindings, Listeners listeners, CertificateCatalog catalog, PageWarnings warnings,
            CertificateRenewals renewals, Clock clock, ClusterNodes nodes) {
        this.nodes = nodes;
        this.bindings = bindings;
        this.listeners = listeners;
        this.catalog = catalog;
        this.warnings = warnings;
        this.renewals = renewals;
        this.clock = clock;
    }

    @GetMapping("/")
    String home(Model model, Principal principal) {
        if (principal == null) {
            return "home";
        }
        model.addAttribute("bindings", this.bindings.bindings().stream()
            .map((b) -> Views.BindingView.of(b, this.listeners.state(b.name()).orElse(null))).toList());
        model.addAttribute("certificates", this.catalog.entries().stream()
            .map((e) -> Views.CertificateView.of(e, this.clock, this.renewals.status(e.bundle()).orElse(null)))
            .toList());
        model.addAttribute("warnings", this.warnings.current());
        // As of the last heartbeat, so that the page costs no query; one node needs no table.
        List<NodeView> nodes = NodeView.of(this.nodes.lastKnown());
        model.addAttribute("nodes", (nodes.size() > 1) ? nodes : List.of());
        return "dashboard";
    }

    @GetMapping("/login")
    String login() {
        return "login";
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

    /**
     * The warnings the dashboard shows.
     */
    interface PageWarnings {

        List<PageWarning> current();

    }

}
