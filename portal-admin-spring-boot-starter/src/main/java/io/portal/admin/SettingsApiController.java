package io.portal.admin;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portal.audit.AuditLog;
import io.portal.equivalent.ApiCall;
import io.portal.script.Script;
import io.portal.script.Scripts;
import io.portal.https.HttpsConfigurator.SettingState;
import io.portal.https.HttpsSetting;
import io.portal.https.HttpsSettingsService;
import io.portal.https.HttpsSettingsStore.Author;
import io.portal.https.HttpsWarning;
import io.portal.https.LiveHttpsSettings;
import io.portal.store.ChangeTransaction;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/settings/https}: forcing HTTPS and HSTS, with where each value comes from and
 * the current warnings. A change names only the settings it changes; {@code null} returns
 * a setting to its configuration (the semantics of a JSON merge patch, RFC 7396, which
 * {@code PATCH} takes as well).
 */
@RestController
class SettingsApiController {

    private static final String PATH = "/api/settings/https";

    private final HttpsSettingsService settings;

    private final AuditLog audit;

    private final Scripts scripts;

    private final ChangeTransaction changes;

    private final LiveHttpsSettings live;

    private final JsonMapper json;

    SettingsApiController(HttpsSettingsService settings, AuditLog audit, Scripts scripts, ChangeTransaction changes,
            LiveHttpsSettings live, JsonMapper json) {
        this.settings = settings;
        this.audit = audit;
        this.scripts = scripts;
        this.changes = changes;
        this.live = live;
        this.json = json;
    }

    @GetMapping(PATH)
    ResponseEntity<SettingsResponse> get() {
        HttpsSettingsService.View view = this.settings.view();
        return ResponseEntity.ok().eTag(etag(view)).body(SettingsResponse.of(view, true, null));
    }

    @PutMapping(PATH)
    ResponseEntity<SettingsResponse> update(@RequestBody Map<String, Object> changes, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal principal) {
        HttpsSettingsService.View before = this.settings.view();
        ETags.check(ifMatch, etag(before), "The HTTPS settings");
        Map<String, String> text = new LinkedHashMap<>();
        changes.forEach((name, value) -> text.put(name, (value != null) ? String.valueOf(value) : null));
        Author author = Author.api(BindingsApiController.actor(principal));
        HttpsSettingsService.View after = dryRun ? this.settings.update(text, true, author) : this.changes.run(() -> {
            // Storing puts the settings in force at once; if the change does not commit,
            // the settings in force are read again from the store.
            ChangeTransaction.onRollback(this.live::refresh);
            HttpsSettingsService.View changed = this.settings.update(text, false, author);
            this.audit.record(BindingsApiController.actor(principal), "settings.https.update", "settings:https",
                    (Object) before.values(), changed.values());
            return changed;
        });
        return ResponseEntity.ok().eTag(etag(after)).body(SettingsResponse.of(after, !dryRun, dryRun ? script(changes) : null));
    }

    @PatchMapping(path = PATH, consumes = { "application/merge-patch+json", "application/json" })
    ResponseEntity<SettingsResponse> patch(@RequestBody Map<String, Object> changes, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal principal) {
        return update(changes, dryRun, ifMatch, principal);
    }

    private Script script(Map<String, Object> changes) {
        String summary = "Change the HTTPS settings: " + String.join(", ", changes.keySet().stream()
            .map((name) -> name + "=" + ((changes.get(name) != null) ? changes.get(name) : "(configuration)"))
            .toList());
        return this.scripts.of(summary, List.of(ApiCall.json("PATCH", PATH, "application/merge-patch+json",
                this.scripts.json(changes)).curl()), List.of(), null);
    }

    private String etag(HttpsSettingsService.View view) {
        return ETags.of(this.json.writeValueAsString(view.values()));
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
     * @param settings each setting with its value, origin and the configured value it
     * overrides
     * @param warnings the warnings that apply
     * @param script for a dry run, the script that makes the same change
     */
    record SettingsResponse(boolean applied, Object redirectHttpToHttps, Object redirectStatus, Object hstsEnabled, Object hstsMaxAge,
            Object hstsIncludeSubDomains, Object hstsPreload, Object hstsRamp, long sentHstsMaxAgeSeconds, Map<String, String> sources,
            List<Setting> settings, List<HttpsWarning> warnings, Script script) {

        static SettingsResponse of(HttpsSettingsService.View view, boolean applied, Script script) {
            Map<String, Object> v = view.values();
            return new SettingsResponse(applied, v.get(field(HttpsSetting.REDIRECT_HTTP_TO_HTTPS)),
                    v.get(field(HttpsSetting.REDIRECT_STATUS)), v.get(field(HttpsSetting.HSTS_ENABLED)),
                    v.get(field(HttpsSetting.HSTS_MAX_AGE)), v.get(field(HttpsSetting.HSTS_INCLUDE_SUB_DOMAINS)),
                    v.get(field(HttpsSetting.HSTS_PRELOAD)), v.get(field(HttpsSetting.HSTS_RAMP)), view.sentMaxAge().toSeconds(),
                    view.sources(), view.states().stream().map(Setting::of).toList(), view.warnings(), script);
        }

        private static String field(HttpsSetting setting) {
            return HttpsSettingsService.field(setting);
        }

    }

    /**
     * One setting as it is in force.
     *
     * @param name the option's name, such as {@code hsts-max-age}
     * @param field the API's name, such as {@code hstsMaxAge}
     * @param value the value in force, as text
     * @param origin where it comes from, such as {@code application.yml line 50} or
     * {@code changed by admin on the settings page at 2026-03-01T10:00:00Z}
     * @param overridden whether a change made at runtime overrides the configuration
     * @param configuredValue the value from the configuration (or the default)
     * @param configuredOrigin where that comes from
     */
    record Setting(String name, String field, String value, String origin, boolean overridden, String configuredValue,
            String configuredOrigin) {

        static Setting of(SettingState state) {
            return new Setting(state.option(), state.field(), state.value(), state.origin(), state.overridden(),
                    state.configuredValue(), state.configuredOrigin());
        }

    }

}
