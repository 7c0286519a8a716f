package io.portal.admin;

import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.portal.binding.Binding;
import io.portal.binding.BindingChange;
import io.portal.binding.BindingEntry;
import io.portal.binding.BindingField;
import io.portal.binding.BindingNotFoundException;
import io.portal.binding.BindingPlan;
import io.portal.binding.BindingService;
import io.portal.binding.BindingValues;
import io.portal.binding.InvalidBindingException;
import io.portal.binding.Listeners;
import io.portal.certificate.CertificateCatalog;
import io.portal.script.Scripts;
import io.portal.system.BaseUrl;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/bindings}: every binding, from configuration or added at runtime, listed
 * with where its values come from, and changed live: added ({@code POST}), replaced
 * ({@code PUT}), changed field by field ({@code PATCH}, a JSON merge patch), removed
 * ({@code DELETE}; a configured binding is disabled) and reset to the configuration
 * ({@code DELETE /{name}/override}). Changes to a configured binding are stored as an
 * override of the fields that differ from the configuration. Every change takes
 * {@code ?dryRun=true} (the plan and script instead) and {@code If-Match}.
 */
@RestController
@RequestMapping("/api/bindings")
class BindingsApiController {

    private final BindingService bindings;

    private final Listeners listeners;

    private final CertificateCatalog catalog;

    private final JsonMapper json;

    private final JsonMapper strict;

    private final Scripts scripts;

    BindingsApiController(BindingService bindings, Listeners listeners, CertificateCatalog catalog, JsonMapper json,
            Scripts scripts) {
        this.scripts = scripts;
        this.bindings = bindings;
        this.listeners = listeners;
        this.catalog = catalog;
        this.json = json;
        this.strict = BindingRequest.strict(json);
    }

    @GetMapping
    ResponseEntity<List<BindingResponse>> list() {
        List<BindingEntry> all = this.bindings.entries();
        String etag = ETags.of(String.join("\n", all.stream().map(this::state).toList()));
        return ResponseEntity.ok().eTag(etag).body(all.stream().map(this::response).toList());
    }

    @GetMapping("/{name}")
    ResponseEntity<BindingResponse> get(@PathVariable String name) {
        BindingEntry entry = this.bindings.requireEntry(name);
        return ResponseEntity.ok().eTag(etag(entry)).body(response(entry));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ChangeResponse> create(@RequestBody @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = BindingRequest.Document.class))) byte[] body, @RequestParam(defaultValue = "false") boolean dryRun,
            Principal principal) {
        Binding binding = BindingRequest.parse(read(body, "(new)"), "(new)").toBinding(null);
        BindingChange change = new BindingChange.Create(binding);
        if (dryRun) {
            return preview(change);
        }
        BindingPlan plan = this.bindings.apply(change, actor(principal), apiBase());
        BindingEntry created = this.bindings.requireEntry(binding.name());
        return ResponseEntity.created(URI.create(apiBase() + "/api/bindings/" + created.name()))
            .eTag(etag(created))
            .body(new ChangeResponse(response(created), plan(plan, true)));
    }

    @PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ChangeResponse> replace(@PathVariable String name, @RequestBody @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = BindingRequest.Document.class))) byte[] body,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal principal) {
        Binding binding = BindingRequest.parse(read(body, name), name).toBinding(name);
        return change(name, ifMatch, dryRun, principal, (entry) -> new BindingChange.Replace(name, binding));
    }

    @PatchMapping(path = "/{name}", consumes = BindingMergePatch.MEDIA_TYPE)
    ResponseEntity<ChangeResponse> patch(@PathVariable String name, @RequestBody @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = BindingRequest.Document.class))) byte[] body,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal principal) {
        JsonNode patch = read(body, name);
        BindingRequest.parsePatch(patch, name);
        return change(name, ifMatch, dryRun, principal, (entry) -> patched(entry, patch));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<ChangeResponse> delete(@PathVariable String name, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal principal) {
        return change(name, ifMatch, dryRun, principal, (entry) -> new BindingChange.Delete(name));
    }

    @DeleteMapping("/{name}/override")
    ResponseEntity<ChangeResponse> reset(@PathVariable String name, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal principal) {
        if (!dryRun && this.bindings.entry(name).isEmpty() && this.bindings.discardUnusedOverride(name, actor(principal))) {
            // An override left behind by a binding no longer declared: dropped from the store.
            return ResponseEntity.noContent().build();
        }
        return change(name, ifMatch, dryRun, principal, (entry) -> new BindingChange.Reset(name));
    }

    /**
     * Preview or apply a change of an existing binding, worked out from the binding as it
     * is when the change has its turn and refused if it changed since {@code If-Match}.
     */
    private ResponseEntity<ChangeResponse> change(String name, String ifMatch, boolean dryRun, Principal principal,
            Function<BindingEntry, BindingChange> changeFor) {
        Function<Optional<BindingEntry>, BindingChange> checked = (found) -> {
            BindingEntry entry = found.orElseThrow(() -> new BindingNotFoundException(name));
            ETags.check(ifMatch, etag(entry), "Binding '" + name + "'");
            return changeFor.apply(entry);
        };
        if (dryRun) {
            return preview(checked.apply(this.bindings.entry(name)));
        }
        BindingPlan plan = this.bindings.apply(name, checked, actor(principal), apiBase());
        Optional<BindingEntry> after = this.bindings.entry(name);
        ResponseEntity.BodyBuilder ok = ResponseEntity.status(HttpStatus.OK);
        after.ifPresent((entry) -> ok.eTag(etag(entry)));
        return ok.body(new ChangeResponse(after.map(this::response).orElse(null), plan(plan, true)));
    }

    private PlanResponse plan(BindingPlan plan, boolean applied) {
        return PlanResponse.of(plan, applied, this.scripts.bindings(plan));
    }

    private ResponseEntity<ChangeResponse> preview(BindingChange change) {
        return ResponseEntity.ok(new ChangeResponse(null, plan(this.bindings.preview(change, apiBase()), false)));
    }

    /**
     * The change a merge patch makes: the patch applied to every field of the binding in
     * force; a field it removes ({@code null}) is unset for a runtime binding and back to
     * its configured value for a configured one.
     */
    private BindingChange patched(BindingEntry entry, JsonNode patch) {
        String name = entry.name();
        ObjectNode document = this.json.valueToTree(fields(entry.values(), entry.source() == Binding.Source.CONFIG));
        BindingRequest given = BindingRequest.parsePatch(patch, name);
        if (given.name() != null && !given.name().equals(name)) {
            throw new InvalidBindingException(name, "name", "cannot be renamed to '" + InvalidBindingException.shown(given.name())
                    + "'", "Create a binding with the new name and remove this one.");
        }
        BindingRequest merged = BindingRequest.parse(BindingMergePatch.apply(document, patch), name);
        if (entry.source() == Binding.Source.RUNTIME) {
            if (given.fields().containsKey(BindingField.ENABLED)) {
                throw new InvalidBindingException(name, "enabled", "was added at runtime and cannot be disabled",
                        "Remove it with DELETE /api/bindings/" + name + ".");
            }
            return new BindingChange.Replace(name, merged.toBinding(name));
        }
        BindingValues desired = merged.apply(entry.configured());
        BindingRequest.checkHttpsOnly(name, desired.scheme(), given.fields());
        if (!desired.enabled()) {
            if (given.fields().size() > 1) {
                throw new InvalidBindingException(name, "enabled", "cannot be disabled and changed at once",
                        "Send {\"enabled\": false} alone.");
            }
            return new BindingChange.Delete(name);
        }
        return new BindingChange.Replace(name, desired.toBinding(name, Binding.Source.CONFIG));
    }

    private JsonNode read(byte[] body, String binding) {
        if (body.length > BindingRequest.MAX_BODY) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "The request body has " + body.length
                    + " bytes; a binding is a few hundred bytes, and at most " + BindingRequest.MAX_BODY + " are read.");
        }
        return BindingRequest.read(body, binding, this.strict);
    }

    private BindingResponse response(BindingEntry entry) {
        Binding binding = entry.binding();
        return BindingResponse.of(entry, this.listeners.state(binding.name()).orElse(null),
                (binding.sslBundle() != null) ? this.catalog.find(binding.sslBundle()).orElse(null) : null);
    }

    /**
     * Every field of a binding by its API name, unset ones as {@code null} or empty, so that
     * a merge patch sees each of them.
     */
    private static Map<String, Object> fields(BindingValues values, boolean withEnabled) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (BindingField field : BindingField.values()) {
            if (field != BindingField.ENABLED || withEnabled) {
                fields.put(field.field(), values.get(field));
            }
        }
        return fields;
    }

    /**
     * What the entity tag of a binding covers: its values, whether it is enabled, and
     * which of them are overridden.
     */
    private String state(BindingEntry entry) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", entry.name());
        state.put("source", BindingResponse.source(entry.binding()));
        state.put("values", fields(entry.values(), true));
        state.put("override", entry.override().fields().keySet().stream().map(BindingField::field).toList());
        return this.json.writeValueAsString(state);
    }

    private String etag(BindingEntry entry) {
        return ETags.of(state(entry));
    }

    static String actor(Principal principal) {
        return (principal != null) ? principal.getName() : "anonymous";
    }

    static String apiBase() {
        return BaseUrl.current();
    }

    /**
     * The result of a change: the binding as it now is (none after a runtime binding's
     * removal or a dry run) and the plan.
     *
     * @param binding the binding
     * @param plan the plan
     */
    record ChangeResponse(BindingResponse binding, PlanResponse plan) {
    }

}
