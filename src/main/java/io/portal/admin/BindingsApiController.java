package io.portal.admin;

import io.portal.system.BaseUrl;
import java.net.URI;
import java.security.Principal;
import java.util.List;

import io.portal.binding.Binding;
import io.portal.binding.BindingChange;
import io.portal.binding.BindingPlan;
import io.portal.binding.BindingScript;
import io.portal.binding.BindingService;
import io.portal.binding.Listeners;
import io.portal.certificate.CertificateCatalog;
import io.portal.script.Scripts;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/bindings}: list, add, change and remove bindings, live, with a dry run that
 * returns the plan and script instead.
 */
@RestController
@RequestMapping("/api/bindings")
class BindingsApiController {

    private final BindingService bindings;

    private final Listeners listeners;

    private final CertificateCatalog catalog;

    private final Scripts scripts;

    BindingsApiController(BindingService bindings, Listeners listeners, CertificateCatalog catalog, Scripts scripts) {
        this.bindings = bindings;
        this.listeners = listeners;
        this.catalog = catalog;
        this.scripts = scripts;
    }

    @GetMapping
    ResponseEntity<List<BindingResponse>> list() {
        List<Binding> all = this.bindings.bindings();
        String etag = ETags.of(String.join("\n", all.stream().map(BindingScript::json).toList()));
        return ResponseEntity.ok().eTag(etag).body(all.stream().map(this::response).toList());
    }

    @GetMapping("/{name}")
    ResponseEntity<BindingResponse> get(@PathVariable String name) {
        Binding binding = this.bindings.get(name);
        return ResponseEntity.ok().eTag(etag(binding)).body(response(binding));
    }

    @PostMapping
    ResponseEntity<ChangeResponse> create(@RequestBody BindingRequest request, @RequestParam(defaultValue = "false") boolean dryRun,
            Principal principal) {
        Binding binding = request.toBinding(null);
        BindingChange change = new BindingChange.Create(binding);
        if (dryRun) {
            return ResponseEntity.ok(new ChangeResponse(null, plan(this.bindings.preview(change, apiBase()), false)));
        }
        BindingPlan plan = this.bindings.apply(change, actor(principal), apiBase());
        Binding created = this.bindings.get(binding.name());
        return ResponseEntity.created(URI.create(apiBase() + "/api/bindings/" + created.name()))
            .eTag(etag(created))
            .body(new ChangeResponse(response(created), plan(plan, true)));
    }

    @PutMapping("/{name}")
    ResponseEntity<ChangeResponse> replace(@PathVariable String name, @RequestBody BindingRequest request,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal principal) {
        Binding current = this.bindings.get(name);
        ETags.check(ifMatch, etag(current), "Binding '" + name + "'");
        BindingChange change = new BindingChange.Replace(name, request.toBinding(name));
        if (dryRun) {
            return ResponseEntity.ok(new ChangeResponse(null, plan(this.bindings.preview(change, apiBase()), false)));
        }
        BindingPlan plan = this.bindings.apply(change, actor(principal), apiBase());
        Binding updated = this.bindings.get(name);
        return ResponseEntity.ok().eTag(etag(updated)).body(new ChangeResponse(response(updated), plan(plan, true)));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<ChangeResponse> delete(@PathVariable String name, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal principal) {
        Binding current = this.bindings.get(name);
        ETags.check(ifMatch, etag(current), "Binding '" + name + "'");
        BindingChange change = new BindingChange.Delete(name);
        if (dryRun) {
            return ResponseEntity.ok(new ChangeResponse(null, plan(this.bindings.preview(change, apiBase()), false)));
        }
        BindingPlan plan = this.bindings.apply(change, actor(principal), apiBase());
        return ResponseEntity.status(HttpStatus.OK).body(new ChangeResponse(null, plan(plan, true)));
    }

    private BindingResponse response(Binding binding) {
        return BindingResponse.of(binding, this.listeners.state(binding.name()).orElse(null),
                (binding.sslBundle() != null) ? this.catalog.find(binding.sslBundle()).orElse(null) : null);
    }

    private PlanResponse plan(BindingPlan plan, boolean applied) {
        return PlanResponse.of(plan, applied, this.scripts.bindings(plan));
    }

    static String etag(Binding binding) {
        return ETags.of(BindingScript.json(binding));
    }

    static String actor(Principal principal) {
        return (principal != null) ? principal.getName() : "anonymous";
    }

    static String apiBase() {
        return BaseUrl.current();
    }

    /**
     * The result of a change: the binding as it now is (none after a removal or a dry run)
     * and the plan.
     *
     * @param binding the binding
     * @param plan the plan
     */
    record ChangeResponse(BindingResponse binding, PlanResponse plan) {
    }


}
