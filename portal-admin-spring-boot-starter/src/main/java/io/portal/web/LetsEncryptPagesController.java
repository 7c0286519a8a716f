package io.portal.web;

import io.portal.system.BaseUrl;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portal.acme.AcmeDirectory;
import io.portal.acme.AcmeOrderProgress;
import io.portal.acme.AcmeOrders;
import io.portal.acme.AcmePlan;
import io.portal.script.Scripts;
import io.portal.acme.AcmeProperties;
import io.portal.acme.AcmeRequestException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Let's Encrypt wizard: the form (name, domains, CA, contact, the CA's terms), a review
 * step with the plan and the equivalent script, then the order's live progress, with a
 * plain explanation when the CA cannot validate a domain. Works with any ACME CA.
 */
@Controller
@RequestMapping("/lets-encrypt")
class LetsEncryptPagesController {

    static final String FORM = "lets-encrypt/form";

    static final String REVIEW = "lets-encrypt/review";

    static final String PROGRESS = "lets-encrypt/progress";

    private static final List<String> FIELDS = List.of("name", "domains", "directory", "email", "acceptTermsOfService",
            "caCertificates");

    private final AcmeOrders orders;

    private final Scripts scripts;

    LetsEncryptPagesController(AcmeOrders orders, Scripts scripts) {
        this.scripts = scripts;
        this.orders = orders;
    }

    @ModelAttribute("section")
    String section() {
        return "lets-encrypt";
    }

    @GetMapping
    String initRequestForm(Model model) {
        LetsEncryptForm form = new LetsEncryptForm();
        form.setDirectory(defaultChoice());
        return form(model, form);
    }

    /**
     * Show the form again, with the terms of the CA chosen (the way without JavaScript to
     * see them), or after Back on the review step.
     */
    @PostMapping("/edit")
    String editRequestForm(@ModelAttribute("form") LetsEncryptForm form, Model model) throws IOException {
        form.takeUpload();
        return form(model, form);
    }

    @PostMapping("/review")
    String review(@ModelAttribute("form") LetsEncryptForm form, BindingResult result, Model model) throws IOException {
        form.takeUpload();
        try {
            AcmePlan plan = this.orders.plan(form.toRequest(), apiBase());
            model.addAttribute("plan", plan);
            model.addAttribute("script", this.scripts.of(plan.summary(), plan.curl(), List.of(), plan.yaml()));
            return REVIEW;
        }
        catch (AcmeRequestException ex) {
            reject(ex, result);
            return form(model, form);
        }
    }

    @PostMapping("/request")
    String processRequestForm(@ModelAttribute("form") LetsEncryptForm form, BindingResult result, Model model,
            Principal principal, RedirectAttributes redirect) throws IOException {
        form.takeUpload();
        try {
            AcmePlan plan = this.orders.request(form.toRequest(), principal.getName(), apiBase());
            redirect.addFlashAttribute("message", "Requested: " + plan.summary() + ". A temporary certificate is served "
                    + "under this name until the CA issues the real one.");
            return "redirect:/lets-encrypt/" + plan.name();
        }
        catch (AcmeRequestException ex) {
            reject(ex, result);
            return form(model, form);
        }
    }

    @GetMapping("/{name}")
    String progress(@PathVariable String name, Model model) {
        AcmeOrderProgress progress = this.orders.progress(name).orElseThrow(() -> notFound(name));
        model.addAttribute("progress", progress);
        return PROGRESS;
    }

    /**
     * The progress as JSON, for {@code lets-encrypt.js} to follow the order without
     * reloading the page.
     */
    @GetMapping(path = "/{name}/progress.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    AcmeOrderProgress progressJson(@PathVariable String name) {
        return this.orders.progress(name).orElseThrow(() -> notFound(name));
    }

    /**
     * Where a CA's terms of service are, as JSON, for {@code lets-encrypt.js} to update the
     * link when another CA is chosen. The portal reads the URL given, so this is a POST
     * with the form's CSRF token (no other site can make a signed-in browser ask for it),
     * and only https URLs (plain http to this machine) are read, within bounds of time and
     * size (see {@code AcmeOrders#describe}).
     */
    @PostMapping(path = "/terms.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> terms(@RequestParam(required = false) String directory,
            @RequestParam(required = false) String caCertificates) {
        Map<String, Object> terms = new LinkedHashMap<>();
        try {
            AcmeDirectory ca = this.orders.describe(directory, caCertificates);
            terms.put("directory", ca.url());
            terms.put("termsOfService", ca.termsOfService());
            terms.put("termsOfServiceLink", ca.termsOfServiceLink());
        }
        catch (AcmeRequestException ex) {
            terms.put("problem", ex.getMessage());
        }
        return terms;
    }

    /**
     * Renew now, in the background, and follow it on the progress page.
     */
    @PostMapping("/{name}/renew")
    String renew(@PathVariable String name, Principal principal, RedirectAttributes redirect) {
        if (!this.orders.isAcme(name)) {
            throw notFound(name);
        }
        this.orders.renewSoon(name, principal.getName());
        redirect.addFlashAttribute("message", "Renewing certificate '" + name + "' now; the certificate in use stays until "
                + "the new one is issued.");
        return "redirect:/lets-encrypt/" + name;
    }

    private String form(Model model, LetsEncryptForm form) {
        if (form.getDirectory() == null) {
            form.setDirectory(defaultChoice());
        }
        model.addAttribute("form", form);
        model.addAttribute("choices", choices());
        String choice = form.directoryChoice();
        if (choice != null && !choice.isBlank()) {
            try {
                model.addAttribute("ca", this.orders.describe(choice, form.toRequest().caCertificates()));
            }
            catch (AcmeRequestException ex) {
                model.addAttribute("caProblem", ex.getMessage());
            }
        }
        List<AcmeOrderProgress> certificates = new ArrayList<>();
        this.orders.names().forEach((name) -> this.orders.progress(name).ifPresent(certificates::add));
        model.addAttribute("certificates", certificates);
        return FORM;
    }

    private String defaultChoice() {
        String configured = this.orders.configuredDirectory();
        if (AcmeProperties.LETSENCRYPT.equals(configured)) {
            return "letsencrypt";
        }
        return AcmeProperties.LETSENCRYPT_STAGING.equals(configured) ? "letsencrypt-staging" : configured;
    }

    private List<DirectoryChoice> choices() {
        List<DirectoryChoice> choices = new ArrayList<>();
        choices.add(new DirectoryChoice("letsencrypt", "Let's Encrypt", AcmeProperties.LETSENCRYPT,
                "certificates that browsers trust"));
        choices.add(new DirectoryChoice("letsencrypt-staging", "Let's Encrypt staging", AcmeProperties.LETSENCRYPT_STAGING,
                "untrusted certificates and generous limits, for trying things out"));
        String configured = this.orders.configuredDirectory();
        if (!AcmeProperties.LETSENCRYPT.equals(configured) && !AcmeProperties.LETSENCRYPT_STAGING.equals(configured)) {
            choices.add(new DirectoryChoice(configured, "The configured CA", configured, "portal.acme.directory"));
        }
        choices.add(new DirectoryChoice(LetsEncryptForm.CUSTOM, "Another ACME CA", null,
                "ZeroSSL, step-ca, or any CA that speaks ACME: give its directory URL"));
        return choices;
    }

    /**
     * Put an error next to the field it is about, in the words the API uses.
     */
    private static void reject(AcmeRequestException ex, BindingResult result) {
        String text = ex.getMessage() + " " + ex.getAction();
        String field = ex.getField().filter(FIELDS::contains).orElse(null);
        if (field != null) {
            result.rejectValue(field, "invalid", text);
        }
        else {
            result.reject("invalid", text);
        }
    }

    private static ResponseStatusException notFound(String name) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no ACME certificate '" + name + "'.");
    }

    private static String apiBase() {
        return BaseUrl.current();
    }

    /**
     * A CA to choose.
     *
     * @param value the form's value
     * @param label its name
     * @param url its directory URL, or {@code null} for the custom choice
     * @param description what it is for
     */
    record DirectoryChoice(String value, String label, String url, String description) {
    }

}
