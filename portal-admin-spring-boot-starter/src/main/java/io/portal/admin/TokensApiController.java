package io.portal.admin;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.portal.account.ApiToken;
import io.portal.account.ApiTokens;
import io.portal.audit.AuditLog;
import io.portal.binding.BindingPlan;
import io.portal.equivalent.ApiCall;
import io.portal.script.Scripts;
import io.portal.store.ChangeTransaction;
import io.portal.system.Echo;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/tokens}: create (the token is shown once), list, read and revoke API tokens.
 */
@RestController
@RequestMapping("/api/tokens")
class TokensApiController {

    /**
     * The longest token name: it is part of the actor of the changes made with the token.
     */
    static final int MAX_NAME_LENGTH = 64;

    private final ApiTokens tokens;

    private final AuditLog audit;

    private final JsonMapper json;

    private final Scripts scripts;

    private final ChangeTransaction changes;

    TokensApiController(ApiTokens tokens, AuditLog audit, JsonMapper json, Scripts scripts, ChangeTransaction changes) {
        this.tokens = tokens;
        this.audit = audit;
        this.json = json;
        this.scripts = scripts;
        this.changes = changes;
    }

    @GetMapping
    List<ApiToken> list() {
        return this.tokens.list();
    }

    @GetMapping("/{id}")
    ResponseEntity<ApiToken> get(@PathVariable String id) {
        ApiToken token = find(id);
        return ResponseEntity.ok().eTag(etag(token)).body(token);
    }

    @PostMapping
    ResponseEntity<?> create(@RequestBody TokenRequest request, @RequestParam(defaultValue = "false") boolean dryRun,
            Principal principal) {
        String name = name(request);
        String actor = BindingsApiController.actor(principal);
        if (dryRun) {
            String summary = "Create API token '" + name + "'";
            return ResponseEntity.ok(PlanResponse.preview(summary, new BindingPlan.Step("create-token", name,
                    "Create an API token '" + name + "' that acts as " + actor + "; its secret is shown once, in the response"),
                    List.of(), this.scripts.of(summary, List.of(ApiCall.json("POST", ApiCall.path("api", "tokens"),
                            "application/json", this.scripts.json(Map.of("name", name))).curl()), List.of(), null)));
        }
        ApiTokens.Created created = this.changes.run(() -> {
            ApiTokens.Created token = this.tokens.create(name, actor);
            this.audit.record(actor, "token.create", "token:" + token.token().id(), null, Map.of("name", name));
            return token;
        });
        // The secret is in this answer only: no cache may keep it.
        return ResponseEntity.created(URI.create(BindingsApiController.apiBase() + "/api/tokens/" + created.token().id()))
            .cacheControl(CacheControl.noStore())
            .body(new CreatedToken(created.token(), created.secret()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<?> revoke(@PathVariable String id, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal principal) {
        ApiToken token = find(id);
        ETags.check(ifMatch, etag(token), "API token " + id);
        if (dryRun) {
            String summary = "Revoke API token " + id;
            return ResponseEntity.ok(PlanResponse.preview(summary, new BindingPlan.Step("revoke-token", id,
                    "Revoke API token " + id + " ('" + token.name() + "'): requests with it are refused from then on"),
                    List.of(), this.scripts.of(summary, List.of(ApiCall.of("DELETE", ApiCall.path("api", "tokens", id)).curl()),
                            List.of(), null)));
        }
        this.changes.run(() -> {
            this.tokens.revoke(id);
            this.audit.record(BindingsApiController.actor(principal), "token.revoke", "token:" + id, Map.of("name", token.name()),
                    null);
            return true;
        });
        return ResponseEntity.noContent().build();
    }

    private ApiToken find(String id) {
        return this.tokens.list().stream()
            .filter((token) -> token.id().equals(id))
            .findFirst()
            .orElseThrow(() -> new TokenNotFoundException(id));
    }

    private String etag(ApiToken token) {
        return ETags.of(this.json.writeValueAsString(token));
    }

    private static String name(TokenRequest request) {
        String name = (request == null || request.name() == null || request.name().isBlank()) ? "token" : request.name().trim();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidTokenRequestException("name", "A token name has at most " + MAX_NAME_LENGTH + " characters; this one has "
                    + name.length() + ".", "Choose a shorter name, such as the job that uses the token.");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            // The name becomes part of the actor of every change made with the token.
            throw new InvalidTokenRequestException("name", "The token name '" + Echo.of(name) + "' contains control characters.",
                    "Use letters, digits, spaces and punctuation only, such as \"deploy-pipeline\".");
        }
        return name;
    }

    /**
     * A request for a token.
     *
     * @param name what the token is for
     */
    record TokenRequest(String name) {
    }

    /**
     * A new token: its entry, and the token itself, shown this once.
     *
     * @param entry the listing entry
     * @param token the value to send as {@code Authorization: Bearer}
     */
    record CreatedToken(ApiToken entry, String token) {
    }

    /**
     * A token request that cannot be carried out as sent.
     */
    static class InvalidTokenRequestException extends RuntimeException {

        private final String field;

        private final String action;

        InvalidTokenRequestException(String field, String message, String action) {
            super(message);
            this.field = field;
            this.action = action;
        }

        String getField() {
            return this.field;
        }

        String getAction() {
            return this.action;
        }

    }

    /**
     * No token has the given id.
     */
    static class TokenNotFoundException extends RuntimeException {

        TokenNotFoundException(String id) {
            super("There is no API token '" + Echo.of(id) + "'.");
        }

    }

}
