package io.portal.admin;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.portal.account.ApiToken;
import io.portal.account.ApiTokens;
import io.portal.audit.AuditLog;
import io.portal.binding.BindingPlan;
import io.portal.script.ApiCall;
import io.portal.script.Scripts;
import io.portal.store.ChangeTransaction;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/tokens}: create (the token is shown once), list and revoke API tokens.
 */
@RestController
@RequestMapping("/api/tokens")
class TokensApiController {

    /**
     * The longest token name: it is part of the actor of the changes made with the token.
     */
    static final int MAX_NAME = 64;

    private final ApiTokens tokens;

    private final AuditLog audit;

    private final Scripts scripts;

    private final ChangeTransaction changes;

    TokensApiController(ApiTokens tokens, AuditLog audit, Scripts scripts, ChangeTransaction changes) {
        this.tokens = tokens;
        this.audit = audit;
        this.scripts = scripts;
        this.changes = changes;
    }

    @GetMapping
    List<ApiToken> list() {
        return this.tokens.list();
    }

    @PostMapping
    ResponseEntity<?> create(@RequestBody TokenRequest request, @RequestParam(defaultValue = "false") boolean dryRun,
            Principal principal) {
        String name = (request.name() == null || request.name().isBlank()) ? "token" : request.name().trim();
        if (name.length() > MAX_NAME || name.codePoints().anyMatch(Character::isISOControl)) {
            // The name becomes part of the actor of every change made with the token.
            throw new io.portal.certificate.CertificateImportException("name", "A token name has at most " + MAX_NAME
                    + " characters and no control characters.", "Choose a shorter name, such as \"deploy-pipeline\".");
        }
        if (dryRun) {
            String summary = "Create API token '" + name + "'";
            return ResponseEntity.ok(PlanResponse.preview(summary, new BindingPlan.Step("create-token", name,
                    "Create an API token '" + name + "' that acts as " + BindingsApiController.actor(principal)
                            + "; its secret is shown once, in the response"),
                    java.util.List.of(), this.scripts.of(summary, List.of(ApiCall.json("POST", ApiCall.path("api", "tokens"),
                            "application/json", this.scripts.json(java.util.Map.of("name", name))).curl()), List.of(), null)));
        }
        String actor = BindingsApiController.actor(principal);
        ApiTokens.Created created = this.changes.run(() -> {
            ApiTokens.Created token = this.tokens.create(name, actor);
            this.audit.record(actor, "token.create", "token:" + token.token().id(), null, Map.of("name", name));
            return token;
        });
        return ResponseEntity.created(URI.create(BindingsApiController.apiBase() + "/api/tokens/" + created.token().id()))
            .body(new CreatedToken(created.token(), created.secret()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<?> revoke(@PathVariable String id, @RequestParam(defaultValue = "false") boolean dryRun, Principal principal) {
        if (dryRun) {
            if (this.tokens.list().stream().noneMatch((t) -> t.id().equals(id))) {
                return ResponseEntity.notFound().build();
            }
            String summary = "Revoke API token " + id;
            return ResponseEntity.ok(PlanResponse.preview(summary, new BindingPlan.Step("revoke-token", id,
                    "Revoke API token " + id + ": requests with it are refused from then on"), java.util.List.of(),
                    this.scripts.of(summary, List.of(ApiCall.of("DELETE", ApiCall.path("api", "tokens", id)).curl()), List.of(),
                            null)));
        }
        boolean revoked = this.changes.run(() -> {
            if (!this.tokens.revoke(id)) {
                return false;
            }
            this.audit.record(BindingsApiController.actor(principal), "token.revoke", "token:" + id, null, null);
            return true;
        });
        return revoked ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
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

}
