package io.portal.web;

import io.portal.system.BaseUrl;
import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.portal.audit.AuditLog;
import io.portal.binding.Binding;
import io.portal.binding.BindingChange;
import io.portal.binding.BindingConflictException;
import io.portal.binding.BindingNotFoundException;
import io.portal.binding.BindingPlan;
import io.portal.binding.BindingService;
import io.portal.binding.InvalidBindingException;
import io.portal.certificate.CertificateAndKey;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateConflictException;
import io.portal.certificate.CertificateImportException;
import io.portal.certificate.CertificateProblemException;
import io.portal.certificate.CertificateRenewals;
import io.portal.certificate.CertificateSummary;
import io.portal.certificate.Pem;
import io.portal.certificate.RuntimeCertificates;
import io.portal.certificate.UploadedCertificates;
import io.portal.script.Scripts;
import io.portal.store.ChangeNotStoredException;
import io.portal.store.ChangeTransaction;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The certificates pages: list, detail with the chain and where it is used, replacing the
 * certificate of a binding in one step, and importing PFX or PEM files.
 */
@Controller
@RequestMapping("/certificates")
class CertificatePagesController {

    static final String LIST = "certificates/list";

    static final String DETAIL = "certificates/detail";

    static final String IMPORT = "certificates/import";

    static final String SWAP = "certificates/swap";

    private final CertificateCatalog catalog;

    private final RuntimeCertificates certificates;

    private final BindingService bindings;

    private final Clock clock;

    private final CertificateRenewals renewals;

    private final AuditLog audit;

    private final ChangeTransaction changes;

    private final Scripts scripts;

    CertificatePagesController(CertificateCatalog catalog, RuntimeCertificates certificates, BindingService bindings, Clock clock,
            CertificateRenewals renewals, AuditLog audit, ChangeTransaction changes, Scripts scripts) {
        this.scripts = scripts;
        this.audit = audit;
        this.changes = changes;
        this.catalog = catalog;
        this.certificates = certificates;
        this.bindings = bindings;
        this.clock = clock;
        this.renewals = renewals;
    }

    @ModelAttribute("section")
    String section() {
        return "certificates";
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("certificates", this.catalog.entries().stream().map(this::view).toList());
        return LIST;
    }

    @GetMapping("/{name}")
    String detail(@PathVariable String name, Model model) {
        CertificateCatalog.Entry entry = this.catalog.entries().stream().filter((e) -> e.bundle().equals(name)).findFirst()
            .orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                    "There is no certificate '" + io.portal.system.Echo.of(name) + "'."));
        model.addAttribute("certificate", view(entry));
        model.addAttribute("chain", (entry.summary() != null) ? entry.summary().chain().stream()
            .map((c) -> c.getSubjectX500Principal().getName() + "  (issued by " + c.getIssuerX500Principal().getName() + ")").toList()
                : List.of());
        model.addAttribute("pem", (entry.summary() != null) ? Pem.encode(entry.summary().chain()) : "");
        List<Binding> all = this.bindings.bindings();
        model.addAttribute("usedBy", all.stream().filter((b) -> b.bundles().contains(name)).map(Binding::name).toList());
        model.addAttribute("replaceable", all.stream().filter((b) -> b.isHttps() && !name.equals(b.sslBundle())).map(Binding::name)
            .toList());
        model.addAttribute("runtime", this.certificates.isRuntime(name));
        return DETAIL;
    }

    /**
     * The review step of a swap: what putting this certificate on the binding does, before
     * anything changes.
     */
    @GetMapping("/{name}/swap")
    String reviewSwap(@PathVariable String name, @RequestParam String binding, Model model, RedirectAttributes redirect) {
        try {
            BindingPlan plan = this.bindings.preview(swap(name, binding), apiBase());
            model.addAttribute("plan", plan);
            model.addAttribute("script", this.scripts.bindings(plan));
            model.addAttribute("certificate", name);
            model.addAttribute("binding", binding);
            return SWAP;
        }
        catch (InvalidBindingException | CertificateProblemException | BindingConflictException | BindingNotFoundException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
            return "redirect:/certificates/" + name;
        }
    }

    @PostMapping("/{name}/use")
    String useOnBinding(@PathVariable String name, @RequestParam String binding, Principal principal, RedirectAttributes redirect) {
        try {
            BindingPlan plan = this.bindings.apply(binding, (current) -> swap(name, binding), principal.getName(), apiBase());
            redirect.addFlashAttribute("message", "Applied: " + plan.summary()
                    + (plan.steps().isEmpty() ? "" : ": " + plan.steps().get(0).description()) + ".");
        }
        catch (InvalidBindingException | CertificateProblemException | BindingConflictException | BindingNotFoundException
                | ChangeNotStoredException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/certificates/" + name;
    }

    /**
     * The binding, as it is now, with this certificate as its default one.
     */
    private BindingChange swap(String certificate, String name) {
        Binding current = this.bindings.get(name);
        Binding updated = new Binding(current.name(), current.scheme(), current.address(), current.port(), certificate,
                current.sni(), current.protocols(), current.ciphers(), current.redirectTo(), current.source());
        return new BindingChange.Replace(name, updated);
    }

    @PostMapping("/{name}/delete")
    String delete(@PathVariable String name, Principal principal, RedirectAttributes redirect) {
        List<String> users = this.bindings.bindings().stream().filter((b) -> b.bundles().contains(name)).map(Binding::name).toList();
        if (!users.isEmpty()) {
            redirect.addFlashAttribute("error", "Certificate '" + name + "' is used by " + String.join(", ", users)
                    + ". Give those bindings another certificate first.");
            return "redirect:/certificates/" + name;
        }
        try {
            Object before = this.catalog.find(name).map((c) -> Map.of("subject", c.subject(), "sha256", c.sha256())).orElse(null);
            this.bindings.whileBindingsUnchanged(() -> {
                if (this.bindings.bindings().stream().anyMatch((b) -> b.bundles().contains(name))) {
                    throw new CertificateConflictException("Certificate '" + name + "' is now used by a binding.",
                            "Give that binding another certificate first.");
                }
                this.audit.record(principal.getName(), "certificate.delete", "certificate:" + name, before, null);
                this.certificates.delete(name);
                return null;
            });
            redirect.addFlashAttribute("message", "Deleted certificate '" + name + "'.");
            return "redirect:/certificates";
        }
        catch (CertificateConflictException ex) {
            redirect.addFlashAttribute("error", ex.getMessage() + " " + ex.getAction());
            return "redirect:/certificates/" + name;
        }
    }

    @GetMapping("/import")
    String initImportForm(Model model) {
        model.addAttribute("format", "pfx");
        return IMPORT;
    }

    @PostMapping("/import")
    String processImportForm(@RequestParam String name, @RequestParam(defaultValue = "pfx") String format,
            @RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String password,
            @RequestParam(required = false) String certificate, @RequestParam(required = false) String privateKey,
            Model model, RedirectAttributes redirect, Principal principal) throws IOException {
        try {
            CertificateAndKey material = "pem".equals(format)
                    ? UploadedCertificates.fromPem(certificate, privateKey, null)
                    : UploadedCertificates.fromPkcs12((file != null) ? file.getBytes() : null, password);
            var summary = this.changes.run(() -> {
                var preview = CertificateSummary.of(name.trim(), material.chain(), this.clock);
                this.audit.record(principal.getName(), "certificate.create", "certificate:" + name.trim(), null,
                        Map.of("subject", preview.subject(), "sha256", preview.sha256()));
                return this.certificates.add(name.trim(), RuntimeCertificates.IMPORTED, "uploaded " + format.toUpperCase(), material);
            });
            redirect.addFlashAttribute("message", "Imported '" + name.trim() + "': " + summary.subject() + ", expires "
                    + summary.notAfter() + (summary.warnings().isEmpty() ? "." : ". Warning: it " + summary.warnings().get(0) + "."));
            return "redirect:/certificates/" + name.trim();
        }
        catch (CertificateImportException ex) {
            model.addAttribute("fieldErrors", java.util.Map.of(ex.getField(), ex.getMessage() + " " + ex.getAction()));
        }
        catch (CertificateConflictException ex) {
            model.addAttribute("fieldErrors", java.util.Map.of("name", ex.getMessage() + " " + ex.getAction()));
        }
        model.addAttribute("format", format);
        model.addAttribute("name", name);
        model.addAttribute("certificate", (certificate != null) ? certificate : "");
        return IMPORT;
    }

    private Views.CertificateView view(CertificateCatalog.Entry entry) {
        return Views.CertificateView.of(entry, this.clock, this.renewals.status(entry.bundle()).orElse(null));
    }

    private static String apiBase() {
        return BaseUrl.current();
    }


}
