package io.portal.admin;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portal.audit.AuditLog;
import io.portal.security.HttpsSetting;
import io.portal.security.HttpsSettingsService;
import io.portal.security.HttpsWarning;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/settings/https}: forcing HTTPS and HSTS, in the same store as the
 * {@code configure} command, with the current warnings.
 */
@RestController
class SettingsApiController {

    private final HttpsSettingsService settings;

    private final AuditLog audit;

    SettingsApiController(HttpsSettingsService settings, AuditLog audit) {
        this.settings = settings;
        this.audit = audit;
    }

    @GetMapping("/api/settings/https")
    ResponseEntity<SettingsResponse> get() {
        HttpsSettingsService.View view = this.settings.view();
        return ResponseEntity.ok().eTag(etag(view)).body(SettingsResponse.of(view, true));
    }

    @PutMapping("/api/settings/https")
    ResponseEntity<SettingsResponse> update(@RequestBody Map<String, Object> changes, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal principal) {
        HttpsSettingsService.View before = this.settings.view();
        ETags.check(ifMatch, etag(before), "The HTTPS settings");
        Map<String, String> text = new LinkedHashMap<>();
        changes.forEach((name, value) -> text.put(name, String.valueOf(value)));
        HttpsSettingsService.View after = this.settings.update(text, dryRun);
        if (!dryRun) {
            this.audit.record(BindingsApiController.actor(principal), "settings.https.update", "settings:https",
                    before.values().toString(), after.values().toString());
        }
        return ResponseEntity.ok().eTag(etag(after)).body(SettingsResponse.of(after, !dryRun));
    }

    private static String etag(HttpsSettingsService.View view) {
        return ETags.of(view.values().toString());
    }

    /**
     * The HTTPS settings as the API shows them.
     *
     * @param applied whether these are the settings in force ({@code false} for a dry run)
     * @param redirectHttpToHttps whether HTTP is redirected to HTTPS
     * @param redirectStatus the redirect's status
     * @param hstsEnabled whether HSTS is sent
     * @param hstsMaxAge the configured max-age, such as {@code 1h}
     * @param hstsIncludeSubDomains includeSubDomains
     * @param hstsPreload preload
     * @param hstsRamp whether max-age is raised step by step
     * @param sentHstsMaxAgeSeconds the max-age sent now, in seconds
     * @param sources where each value comes from
     * @param warnings the warnings that apply
     */
    record SettingsResponse(boolean applied, Object redirectHttpToHttps, Object redirectStatus, Object hstsEnabled, Object hstsMaxAge,
            Object hstsIncludeSubDomains, Object hstsPreload, Object hstsRamp, long sentHstsMaxAgeSeconds, Map<String, String> sources,
            List<HttpsWarning> warnings) {

        static SettingsResponse of(HttpsSettingsService.View view, boolean applied) {
            Map<String, Object> v = view.values();
            return new SettingsResponse(applied, v.get(field(HttpsSetting.REDIRECT_HTTP_TO_HTTPS)),
                    v.get(field(HttpsSetting.REDIRECT_STATUS)), v.get(field(HttpsSetting.HSTS_ENABLED)),
                    v.get(field(HttpsSetting.HSTS_MAX_AGE)), v.get(field(HttpsSetting.HSTS_INCLUDE_SUB_DOMAINS)),
                    v.get(field(HttpsSetting.HSTS_PRELOAD)), v.get(field(HttpsSetting.HSTS_RAMP)), view.sentMaxAge().toSeconds(),
                    view.sources(), view.warnings());
        }

        private static String field(HttpsSetting setting) {
            return HttpsSettingsService.field(setting);
        }

    }

}
