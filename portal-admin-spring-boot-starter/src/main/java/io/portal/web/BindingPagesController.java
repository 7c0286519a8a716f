package io.portal.web;

import io.portal.system.BaseUrl;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.portal.audit.AuditLog;
import io.portal.binding.Binding;
import io.portal.binding.BindingChange;
import io.portal.binding.BindingConflictException;
import io.portal.binding.BindingEntry;
import io.portal.binding.BindingPlan;
import io.portal.binding.BindingService;
import io.portal.binding.InvalidBindingException;
import io.portal.binding.Listeners;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateImportException;
import io.portal.certificate.CertificateProblemException;
import io.portal.certificate.KeyType;
import io.portal.certificate.RuntimeCertificates;
import io.portal.certificate.SelfSignedCertificateFactory;
import io.portal.equivalent.ApiCall;
import io.portal.script.CertificateDeclarations;
import io.portal.script.Script;
import io.portal.script.Scripts;
import io.portal.store.ChangeNotStoredException;
import io.portal.store.ChangeTransaction;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The bindings pages: list and detail (each value with where it comes from), the add/edit
 * wizard with its review step (the plan and the equivalent script, before Apply), removal
 * (a configured binding is disabled) and reset to the configuration, each with a
 * confirmation that shows the plan.
 */
@Controller
@RequestMapping("/bindings")
class BindingPagesController {

    static final String LIST = "bindings/list";

    static final String FORM = "bindings/form";

    static final String REVIEW = "bindings/review";

    static final String DETAIL = "bindings/detail";

    static final String DELETE = "bindings/delete";

    private final BindingService bindings;

    private final Listeners listeners;

    private final CertificateCatalog catalog;

    private final BindingFormCertificates newCertificates;

    private final Scripts scripts;

    BindingPagesController(BindingService bindings, Listeners listeners, CertificateCatalog catalog,
            RuntimeCertificates certificates, SelfSignedCertificateFactory selfSigned, ChangeTransaction changes, AuditLog audit,
            Scripts scripts) {
        this.scripts = scripts;
        this.bindings = bindings;
        this.listeners = listeners;
        this.catalog = catalog;
        this.newCertificates = new BindingFormCertificates(catalog, certificates, selfSigned, changes, audit);
    }

    @ModelAttribute("section")
    String section() {
        return "bindings";
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("bindings", this.bindings.entries().stream()
            .map((e) -> Views.BindingView.of(e, this.listeners.state(e.name()).orElse(null))).toList());
        return LIST;
    }

    @GetMapping("/new")
    String initCreateForm(Model model) {
        return form(model, new BindingForm());
    }

    @GetMapping("/{name}")
    String detail(@PathVariable String name, Model model) {
        BindingEntry entry = this.bindings.requireEntry(name);
        model.addAttribute("binding", Views.BindingView.of(entry, this.listeners.state(name).orElse(null)));
        return DETAIL;
    }

    /**
     * Edit any binding; for one declared in configuration the fields that differ from it
     * are stored as an override.
     */
    @GetMapping("/{name}/edit")
    String initEditForm(@PathVariable String name, Model model) {
        return form(model, BindingForm.of(this.bindings.get(name)));
    }

    @PostMapping("/review")
    String review(@ModelAttribute("form") BindingForm form, BindingResult result, Model model) {
        try {
            BindingPlan plan = preview(form);
            model.addAttribute("plan", plan);
            model.addAttribute("script", script(form, plan));
            return REVIEW;
        }
        catch (RuntimeException ex) {
            reject(ex, form, result);
            return form(model, form);
        }
    }

    @PostMapping("/edit")
    String back(@ModelAttribute("form") BindingForm form, Model model) {
        return form(model, form);
    }

    @PostMapping("/apply")
    String apply(@ModelAttribute("form") BindingForm form, BindingResult result, Model model, Principal principal,
            RedirectAttributes redirect) {
        String generated = null;
        try {
            Binding previous = form.isEditing() ? this.bindings.get(form.getName()) : null;
            preview(form);
            if (form.generatesCertificate()) {
                generated = this.newCertificates.generate(form, principal.getName());
            }
            BindingChange change = change(form, previous);
            BindingPlan plan = this.bindings.apply(change, principal.getName(), apiBase());
            redirect.addFlashAttribute("message", "Applied: " + plan.summary() + ".");
            return "redirect:/bindings/" + form.getName();
        }
        catch (RuntimeException ex) {
            if (generated != null) {
                this.newCertificates.remove(generated, principal.getName());
            }
            reject(ex, form, result);
            return form(model, form);
        }
    }

    @GetMapping("/{name}/delete")
    String confirmDelete(@PathVariable String name, Model model, RedirectAttributes redirect) {
        return confirm(new BindingChange.Delete(name), "delete", model, redirect);
    }

    @PostMapping("/{name}/delete")
    String delete(@PathVariable String name, Principal principal, RedirectAttributes redirect) {
        return applyConfirmed(new BindingChange.Delete(name), principal, redirect);
    }

    /**
     * Reset a configured binding to its configuration, after a review of the plan.
     */
    @GetMapping("/{name}/reset")
    String confirmReset(@PathVariable String name, Model model, RedirectAttributes redirect) {
        return confirm(new BindingChange.Reset(name), "reset", model, redirect);
    }

    @PostMapping("/{name}/reset")
    String reset(@PathVariable String name, Principal principal, RedirectAttributes redirect) {
        return applyConfirmed(new BindingChange.Reset(name), principal, redirect);
    }

    private String confirm(BindingChange change, String action, Model model, RedirectAttributes redirect) {
        BindingEntry entry = this.bindings.requireEntry(change.name());
        try {
            BindingPlan plan = this.bindings.preview(change, apiBase());
            model.addAttribute("plan", plan);
            model.addAttribute("script", this.scripts.bindings(plan));
            model.addAttribute("name", change.name());
            model.addAttribute("action", action);
            model.addAttribute("configured", entry.source() == Binding.Source.CONFIG);
            return DELETE;
        }
        catch (BindingConflictException | InvalidBindingException | CertificateProblemException ex) {
            redirect.addFlashAttribute("error", ex.getMessage() + " " + action(ex));
            return "redirect:/bindings/" + change.name();
        }
    }

    private String applyConfirmed(BindingChange change, Principal principal, RedirectAttributes redirect) {
        try {
            BindingPlan plan = this.bindings.apply(change, principal.getName(), apiBase());
            redirect.addFlashAttribute("message", "Applied: " + plan.summary() + ".");
            return (this.bindings.entry(change.name()).isPresent()) ? "redirect:/bindings/" + change.name() : "redirect:/bindings";
        }
        catch (BindingConflictException | InvalidBindingException | CertificateProblemException | ChangeNotStoredException ex) {
            redirect.addFlashAttribute("error", ex.getMessage() + " " + action(ex));
            return "redirect:/bindings/" + change.name();
        }
    }

    private static String action(RuntimeException ex) {
        if (ex instanceof BindingConflictException conflict) {
            return conflict.getAction();
        }
        if (ex instanceof InvalidBindingException invalid) {
            return invalid.getAction();
        }
        if (ex instanceof CertificateProblemException problem) {
            return problem.getAction();
        }
        return "Nothing was changed; try again.";
    }

    private BindingPlan preview(BindingForm form) {
        Binding previous = form.isEditing() ? this.bindings.get(form.getName()) : null;
        if (form.generatesCertificate()) {
            this.newCertificates.check(form);
        }
        Set<String> pending = form.generatesCertificate() ? Set.of(form.getNewCertificateName().trim()) : Set.of();
        BindingPlan plan = this.bindings.preview(change(form, previous), apiBase(), pending);
        if (!form.generatesCertificate()) {
            return plan;
        }
        List<BindingPlan.Step> steps = new ArrayList<>();
        List<String> names = BindingFormCertificates.names(form);
        steps.add(new BindingPlan.Step("generate-certificate", form.getName(), "Generate the self-signed certificate '"
                + form.getNewCertificateName().trim() + "' for " + String.join(", ", names) + " (EC P-256, valid 365 days)"));
        steps.addAll(plan.steps());
        List<String> curl = new ArrayList<>();
        Map<String, Object> certificate = new LinkedHashMap<>();
        certificate.put("name", form.getNewCertificateName().trim());
        certificate.put("subjectAlternativeNames", names);
        certificate.put("keyType", KeyType.EC_P256.id());
        certificate.put("validity", "365d");
        curl.add(ApiCall.json("POST", ApiCall.path("api", "certificates", "self-signed"), "application/json",
                this.scripts.json(certificate)).curl());
        curl.addAll(plan.curl());
        return new BindingPlan(plan.summary(), steps, plan.warnings(), curl, plan.yaml(), plan.before(), plan.after());
    }

    /**
     * The script of a plan: its calls, and configuration that also declares the
     * self-signed certificate the wizard generates first.
     */
    private Script script(BindingForm form, BindingPlan plan) {
        if (!form.generatesCertificate()) {
            return this.scripts.bindings(plan);
        }
        return this.scripts.bindings(plan, (yaml) -> CertificateDeclarations.selfSigned(yaml, form.getNewCertificateName().trim(),
                BindingFormCertificates.names(form), KeyType.EC_P256.id(), Duration.ofDays(365)));
    }

    private static BindingChange change(BindingForm form, Binding previous) {
        Binding binding = form.toBinding(previous);
        return form.isEditing() ? new BindingChange.Replace(form.getName(), binding) : new BindingChange.Create(binding);
    }

    private String form(Model model, BindingForm form) {
        model.addAttribute("form", form);
        model.addAttribute("bundles", this.catalog.entries().stream().map(CertificateCatalog.Entry::bundle).toList());
        return FORM;
    }

    /**
     * Put an error next to the field it is about, in the words the API uses.
     */
    private static void reject(RuntimeException ex, BindingForm form, BindingResult result) {
        String field = null;
        String message = ex.getMessage();
        String action = null;
        if (ex instanceof InvalidBindingException invalid) {
            field = invalid.getField();
            action = invalid.getAction();
            if ("sslBundle".equals(field) && form.generatesCertificate()) {
                field = "newCertificateName";
            }
        }
        else if (ex instanceof CertificateImportException invalid) {
            field = invalid.getField();
            action = invalid.getAction();
        }
        else if (ex instanceof CertificateProblemException problem) {
            field = "sslBundle";
            action = problem.getAction();
        }
        else if (ex instanceof BindingConflictException conflict) {
            field = message.contains("already exists") ? "name" : null;
            action = conflict.getAction();
        }
        else if (!(ex instanceof ChangeNotStoredException)) {
            throw ex;
        }
        String text = (action != null) ? message + " " + action : message;
        if (field != null && List.of("name", "scheme", "address", "port", "sslBundle", "newCertificateName", "newCertificateNames")
            .contains(field)) {
            result.rejectValue(field, "invalid", text);
        }
        else {
            result.reject("invalid", text);
        }
    }

    private static String apiBase() {
        return BaseUrl.current();
    }

}
