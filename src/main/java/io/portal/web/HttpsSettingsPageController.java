package io.portal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portal.audit.AuditLog;
import io.portal.security.HttpsSettingsService;
import io.portal.security.HttpsWarning;
import io.portal.security.HttpsWarnings;
import io.portal.security.InvalidHttpsSettingsException;

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
 * The HTTPS settings page: force HTTPS and HSTS, with each warning next to the setting it
 * is about, checked before saving.
 */
@Controller
@RequestMapping("/settings/https")
class HttpsSettingsPageController {

    static final String VIEW = "settings/https";

    private final HttpsSettingsService settings;

    private final AuditLog audit;

    HttpsSettingsPageController(HttpsSettingsService settings, AuditLog audit) {
        this.settings = settings;
        this.audit = audit;
    }

    @ModelAttribute("section")
    String section() {
        return "https";
    }

    @GetMapping
    String initForm(Model model) {
        HttpsSettingsService.View view = this.settings.view();
        model.addAttribute("form", HttpsSettingsForm.of(view.values()));
        return show(model, view, false);
    }

    @PostMapping
    String processForm(@ModelAttribute("form") HttpsSettingsForm form, BindingResult result, @RequestParam(defaultValue = "check") String action,
            Model model, RedirectAttributes redirect, java.security.Principal principal) {
        boolean save = "save".equals(action);
        try {
            Map<String, Object> before = this.settings.view().values();
            HttpsSettingsService.View view = this.settings.update(form.values(), !save);
            if (save) {
                this.audit.record(principal.getName(), "settings.https.update", "settings:https", before.toString(), view.values().toString());
            }
            if (save) {
                redirect.addFlashAttribute("message", "Saved. The new settings apply now.");
                return "redirect:/settings/https";
            }
            return show(model, view, true);
        }
        catch (InvalidHttpsSettingsException ex) {
            String field = HttpsSettingsService.fieldOf(ex.getProperty());
            result.rejectValue(field, "invalid", ex.getMessage() + " " + ex.getAction());
            return show(model, this.settings.view(), false);
        }
    }

    private String show(Model model, HttpsSettingsService.View view, boolean preview) {
        model.addAttribute("preview", preview);
        model.addAttribute("sources", view.sources());
        model.addAttribute("sentMaxAge", view.sentMaxAge().toSeconds());
        model.addAttribute("warnings", byField(view.warnings()));
        return VIEW;
    }

    /**
     * The warnings by the field they are about, so each shows next to its setting.
     */
    static Map<String, List<HttpsWarning>> byField(List<HttpsWarning> warnings) {
        Map<String, List<HttpsWarning>> byField = new LinkedHashMap<>();
        for (HttpsWarning warning : warnings) {
            String field = switch (warning.code()) {
                case HttpsWarnings.LONG_MAX_AGE_TOO_SOON -> "hstsMaxAge";
                case HttpsWarnings.HSTS_WITHOUT_REDIRECT, HttpsWarnings.REDIRECT_WITHOUT_TARGET -> "redirectHttpToHttps";
                default -> "hstsEnabled";
            };
            byField.computeIfAbsent(field, (f) -> new ArrayList<>()).add(warning);
        }
        return byField;
    }

}
