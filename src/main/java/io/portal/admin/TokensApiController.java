package io.portal.admin;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import io.portal.account.ApiToken;
import io.portal.account.ApiTokens;
import io.portal.audit.AuditLog;
import io.portal.binding.BindingPlan;
import io.portal.script.ApiCall;
import io.portal.script.Scripts;

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

    private final ApiTokens tokens;

    private final AuditLog audit;

    private final Scripts scripts;

    TokensApiController(ApiTokens tokens, AuditLog audit, Scripts scripts) {
        this.tokens = tokens;
        this.audit = audit;
        this.scripts = scripts;
    }

    @GetMapping
    List<ApiToken> list() {
        return this.tokens.list();
    }

    @PostMapping
    ResponseEntity<?> create(@RequestBody TokenRequest request, @RequestParam(defaultValue = "false") boolean dryRun,
            Principal principal) {
        String name = (request.name() == null || request.name().isBlank()) ? "token" : request.name().trim();
        if (name.length() > 100) {
            throw new io.portal.certificate.CertificateImportException("name", "A token name has at most 100 characters.",
                    "Choose a shorter name.");
        }
        if (dryRun) {
            String summary = "Create API token '" + name + "'";
            return ResponseEntity.ok(PlanResponse.preview(summary, new BindingPlan.Step("create-token", name,
                    "Create an API token '" + name + "' that acts as " + BindingsApiController.actor(principal)
                            + "; its secret is shown once, in the response"),
                    java.util.List.of(), this.scripts.of(summary, List.of(ApiCall.json("POST", ApiCall.path("api", "tokens"),
                            "application/json", this.scripts.json(java.util.Map.of("name", name))).curl()), List.of(), null)));
        }
        ApiTokens.Created created = this.tokens.create(name, BindingsApiController.actor(principal));
        this.audit.record(BindingsApiController.actor(principal), "token.create", "token:" + created.token().id(), null,
                "{\"name\":\"" + name.replace("\"", "'") + "\"}");
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
        if (!this.tokens.revoke(id)) {
            return ResponseEntity.notFound().build();
        }
        this.audit.record(BindingsApiController.actor(principal), "token.revoke", "token:" + id, null, null);
        return ResponseEntity.noContent().build();
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
