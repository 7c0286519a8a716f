package io.portal.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.portal.audit.AuditLog;
import io.portal.binding.Binding;
import io.portal.binding.BindingChange;
import io.portal.binding.BindingConflictException;
import io.portal.binding.BindingService;
import io.portal.binding.InvalidBindingException;
import io.portal.binding.StoredBindingWarnings;
import io.portal.https.HttpsSettingsService;
import io.portal.https.HttpsSettingsStore.Author;
import io.portal.https.HttpsWarning;
import io.portal.https.HttpsWarnings;
import io.portal.https.InvalidHttpsSettingsException;
import io.portal.https.LiveHttpsSettings;
import io.portal.store.ChangeTransaction;
import io.portal.system.BaseUrl;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The HTTPS settings page: force HTTPS and HSTS, and where each HTTP binding redirects to,
 * with each warning and each refusal next to the setting it is about, checked before
 * saving. Saving stores only the settings that changed (a setting set back to its
 * configured value returns to the configuration), as changed by the signed-in
 * administrator on this page.
 */
@Controller
@RequestMapping("/settings/https")
class HttpsSettingsPageController {

    static final String VIEW = "settings/https";

    private final HttpsSettingsService settings;

    private final BindingService bindings;

    private final AuditLog audit;

    private final ChangeTransaction transactions;

    private final LiveHttpsSettings live;

    HttpsSettingsPageController(HttpsSettingsService settings, BindingService bindings, AuditLog audit, ChangeTransaction transactions,
            LiveHttpsSettings live) {
        this.settings = settings;
        this.bindings = bindings;
        this.audit = audit;
        this.transactions = transactions;
        this.live = live;
    }

    @ModelAttribute("section")
    String section() {
        return "https";
    }

    @GetMapping
    String initForm(Model model) {
        HttpsSettingsService.View view = this.settings.view();
        HttpsSettingsForm form = HttpsSettingsForm.of(view.values());
        httpBindings().forEach((binding) -> form.getRedirectTo().put(binding.name(),
                Objects.requireNonNullElse(binding.redirectTo(), HttpsSettingsForm.AUTOMATIC)));
        model.addAttribute("form", form);
        return show(model, view, false);
    }

    @PostMapping
    String processForm(@ModelAttribute("form") HttpsSettingsForm form, BindingResult result,
            @RequestParam(defaultValue = "check") String action, Model model, RedirectAttributes redirect, Principal principal) {
        boolean save = "save".equals(action);
        List<BindingChange.Replace> redirects;
        Map<String, String> changes;
        List<Binding> after;
        HttpsSettingsService.View checked;
        try {
            redirects = redirectChanges(form);
            after = after(redirects);
            changes = this.settings.changesFrom(form.values());
            checked = this.settings.update(changes, true, Author.settingsPage(principal.getName()), after);
        }
        catch (InvalidHttpsSettingsException ex) {
            result.rejectValue(HttpsSettingsService.fieldOf(ex.getProperty()), "invalid", ex.getMessage() + " " + ex.getAction());
            return show(model, this.settings.view(), false);
        }
        catch (RedirectRefused ex) {
            result.rejectValue("redirectTo[" + ex.binding + "]", "invalid", ex.getMessage());
            return show(model, this.settings.view(), false);
        }
        if (!save) {
            return show(model, checked, true);
        }
        if (changes.isEmpty() && redirects.isEmpty()) {
            redirect.addFlashAttribute("message", "Nothing changed: the settings are as they were.");
            return "redirect:/settings/https";
        }
        Map<String, Object> before = this.settings.view().values();
        // One change: the redirect targets, the settings and their audit entries commit together.
        this.transactions.run(() -> {
            ChangeTransaction.onRollback(this.live::refresh);
            for (BindingChange.Replace change : redirects) {
                // Checked above, with the settings; a refusal now (a concurrent change) shows next to the binding.
                this.bindings.apply(change, principal.getName(), BaseUrl.current());
            }
            HttpsSettingsService.View saved = this.settings.update(changes, false, Author.settingsPage(principal.getName()), after);
            if (!changes.isEmpty()) {
                this.audit.record(principal.getName(), "settings.https.update", "settings:https", (Object) before, saved.values());
            }
        });
        List<String> done = new ArrayList<>();
        changes.forEach((field, value) -> done.add(field + ((value != null) ? " = " + value : " back to its configuration")));
        redirects.forEach((change) -> done.add("binding '" + change.name() + "' redirects to "
                + ((change.binding().redirectTo() != null) ? "'" + change.binding().redirectTo() + "'" : "the portal's choice")));
        redirect.addFlashAttribute("message", "Saved: " + String.join(", ", done) + ". In force now.");
        return "redirect:/settings/https";
    }

    /**
     * The HTTP bindings whose redirect target the form changes, checked as the bindings API
     * checks them.
     * A binding declared in configuration ({@code web} by default) stores the new target
     * as an override.
     */
    private List<BindingChange.Replace> redirectChanges(HttpsSettingsForm form) {
        List<BindingChange.Replace> changes = new ArrayList<>();
        for (Binding binding : httpBindings()) {
            String chosen = form.getRedirectTo().get(binding.name());
            if (chosen == null) {
                continue;
            }
            String target = chosen.isBlank() ? null : chosen;
            if (Objects.equals(target, binding.redirectTo())) {
                continue;
            }
            BindingChange.Replace change = new BindingChange.Replace(binding.name(), new Binding(binding.name(), binding.scheme(),
                    binding.address(), binding.port(), binding.sslBundle(), binding.sni(), binding.protocols(), binding.ciphers(),
                    target, binding.source()));
            try {
                this.bindings.preview(change, BaseUrl.current());
            }
            catch (BindingConflictException ex) {
                throw new RedirectRefused(binding.name(), ex.getMessage() + " " + ex.getAction());
            }
            catch (InvalidBindingException ex) {
                throw new RedirectRefused(binding.name(), ex.getMessage() + " " + ex.getAction());
            }
            changes.add(change);
        }
        return changes;
    }

    private List<Binding> after(List<BindingChange.Replace> changes) {
        List<Binding> after = new ArrayList<>(this.bindings.bindings());
        for (BindingChange.Replace change : changes) {
            after.replaceAll((binding) -> binding.name().equals(change.name()) ? change.binding() : binding);
        }
        return after;
    }

    private List<Binding> httpBindings() {
        return this.bindings.bindings().stream().filter((binding) -> !binding.isHttps()).toList();
    }

    private String show(Model model, HttpsSettingsService.View view, boolean preview) {
        model.addAttribute("preview", preview);
        model.addAttribute("sources", view.sources());
        model.addAttribute("sentMaxAge", view.sentMaxAge().toSeconds());
        model.addAttribute("warnings", byField(view.warnings()));
        List<Binding> all = this.bindings.bindings();
        model.addAttribute("httpBindings", httpBindings());
        model.addAttribute("httpsBindings", all.stream().filter(Binding::isHttps).map(Binding::name).toList());
        return VIEW;
    }

    /**
     * The warnings by the field they are about, so each shows next to its setting; those
     * about stored bindings belong to no setting and show on the dashboard.
     */
    static Map<String, List<HttpsWarning>> byField(List<HttpsWarning> warnings) {
        Map<String, List<HttpsWarning>> byField = new LinkedHashMap<>();
        for (HttpsWarning warning : warnings) {
            if (warning.code().equals(StoredBindingWarnings.OVERRIDE_UNUSED)
                    || warning.code().equals(StoredBindingWarnings.NAME_TAKEN)) {
                continue;
            }
            String field = switch (warning.code()) {
                case HttpsWarnings.LONG_MAX_AGE_TOO_SOON -> "hstsMaxAge";
                case HttpsWarnings.HSTS_WITHOUT_REDIRECT, HttpsWarnings.REDIRECT_WITHOUT_TARGET -> "redirectHttpToHttps";
                default -> "hstsEnabled";
            };
            byField.computeIfAbsent(field, (f) -> new ArrayList<>()).add(warning);
        }
        return byField;
    }

    /**
     * A redirect target the bindings refuse.
     */
    private static final class RedirectRefused extends RuntimeException {

        private final String binding;

        RedirectRefused(String binding, String message) {
            super(message);
            this.binding = binding;
        }

    }

}
