package io.portal.web;

import io.portal.system.BaseUrl;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.portal.binding.Binding;
import io.portal.binding.BindingChange;
import io.portal.binding.BindingConflictException;
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
import io.portal.certificate.SelfSignedCertificates;
import io.portal.script.ApiCall;
import io.portal.script.CertificateDeclarations;
import io.portal.script.Script;
import io.portal.script.Scripts;

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
 * The bindings pages: list, detail, the add/edit wizard with its review step (the plan and
 * the equivalent script, before Apply), and removal with a confirmation.
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

    private final RuntimeCertificates certificates;

    private final SelfSignedCertificateFactory selfSigned;

    private final Scripts scripts;

    BindingPagesController(BindingService bindings, Listeners listeners, CertificateCatalog catalog,
            RuntimeCertificates certificates, SelfSignedCertificateFactory selfSigned, Scripts scripts) {
        this.scripts = scripts;
        this.bindings = bindings;
        this.listeners = listeners;
        this.catalog = catalog;
        this.certificates = certificates;
        this.selfSigned = selfSigned;
    }

    @ModelAttribute("section")
    String section() {
        return "bindings";
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("bindings", this.bindings.bindings().stream()
            .map((b) -> Views.BindingView.of(b, this.listeners.state(b.name()).orElse(null))).toList());
        return LIST;
    }

    @GetMapping("/new")
    String initCreateForm(Model model) {
        return form(model, new BindingForm());
    }

    @GetMapping("/{name}")
    String detail(@PathVariable String name, Model model) {
        Binding binding = this.bindings.get(name);
        model.addAttribute("binding", Views.BindingView.of(binding, this.listeners.state(name).orElse(null)));
        return DETAIL;
    }

    @GetMapping("/{name}/edit")
    String initEditForm(@PathVariable String name, Model model) {
        Binding binding = this.bindings.get(name);
        if (binding.source() == Binding.Source.CONFIG) {
            return "redirect:/bindings/" + name;
        }
        return form(model, BindingForm.of(binding));
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
                generated = generateCertificate(form);
            }
            BindingChange change = change(form, previous);
            BindingPlan plan = this.bindings.apply(change, principal.getName(), apiBase());
            redirect.addFlashAttribute("message", "Applied: " + plan.summary() + ".");
            return "redirect:/bindings/" + form.getName();
        }
        catch (RuntimeException ex) {
            if (generated != null) {
                this.certificates.delete(generated);
            }
            reject(ex, form, result);
            return form(model, form);
        }
    }

    @GetMapping("/{name}/delete")
    String confirmDelete(@PathVariable String name, Model model, RedirectAttributes redirect) {
        try {
            model.addAttribute("plan", this.bindings.preview(new BindingChange.Delete(name), apiBase()));
            model.addAttribute("name", name);
            return DELETE;
        }
        catch (BindingConflictException ex) {
            redirect.addFlashAttribute("error", ex.getMessage() + " " + ex.getAction());
            return "redirect:/bindings/" + name;
        }
    }

    @PostMapping("/{name}/delete")
    String delete(@PathVariable String name, Principal principal, RedirectAttributes redirect) {
        BindingPlan plan = this.bindings.apply(new BindingChange.Delete(name), principal.getName(), apiBase());
        redirect.addFlashAttribute("message", "Applied: " + plan.summary() + ".");
        return "redirect:/bindings";
    }

    private BindingPlan preview(BindingForm form) {
        Binding previous = form.isEditing() ? this.bindings.get(form.getName()) : null;
        if (form.generatesCertificate()) {
            checkNewCertificate(form);
        }
        Set<String> pending = form.generatesCertificate() ? Set.of(form.getNewCertificateName().trim()) : Set.of();
        BindingPlan plan = this.bindings.preview(change(form, previous), apiBase(), pending);
        if (!form.generatesCertificate()) {
            return plan;
        }
        List<BindingPlan.Step> steps = new ArrayList<>();
        List<String> names = names(form);
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
        return this.scripts.bindings(plan, (yaml) -> CertificateDeclarations
            .selfSigned(yaml, form.getNewCertificateName().trim(), names(form), KeyType.EC_P256.id(), Duration.ofDays(365)));
    }

    private void checkNewCertificate(BindingForm form) {
        String name = form.getNewCertificateName();
        if (name == null || name.isBlank()) {
            throw new CertificateImportException("newCertificateName", "The new certificate needs a name.",
                    "Give it a name, such as the binding's.");
        }
        if (this.catalog.find(name.trim()).isPresent()) {
            throw new CertificateImportException("newCertificateName", "A certificate named '" + name.trim() + "' already exists.",
                    "Choose another name, or use the existing certificate.");
        }
    }

    private String generateCertificate(BindingForm form) {
        String name = form.getNewCertificateName().trim();
        List<String> names = names(form);
        var material = this.selfSigned.create(names.get(0), names, KeyType.EC_P256, Duration.ofDays(365));
        this.certificates.add(name, SelfSignedCertificates.KIND, "subject-alternative-names=" + String.join(",", names)
                + ";key-type=ec-p256;validity=PT8760H", material);
        return name;
    }

    private static List<String> names(BindingForm form) {
        List<String> names = form.subjectAlternativeNames();
        return names.isEmpty() ? SelfSignedCertificates.defaultNames() : names;
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
        else {
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
