package io.portal.admin;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portal.audit.AuditLog;
import io.portal.binding.BindingPlan;
import io.portal.binding.BindingService;
import io.portal.certificate.BundleOrigins;
import io.portal.certificate.CertificateAndKey;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateConflictException;
import io.portal.certificate.CertificateImportException;
import io.portal.certificate.CertificateRenewals;
import io.portal.certificate.CertificateSummary;
import io.portal.certificate.KeyType;
import io.portal.certificate.RuntimeCertificates;
import io.portal.certificate.SelfSignedCertificateFactory;
import io.portal.certificate.SelfSignedCertificates;
import io.portal.certificate.UploadedCertificates;
import io.portal.equivalent.ApiCall;
import io.portal.equivalent.ApiCall.FormField;
import io.portal.script.CertificateDeclarations;
import io.portal.equivalent.ConfigurationYaml;
import io.portal.script.Script;
import io.portal.script.ScriptInput;
import io.portal.script.Scripts;
import io.portal.store.ChangeTransaction;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * {@code /api/certificates}: list certificates, import PFX/PEM files, generate
 * self-signed certificates, and delete those no binding uses. ACME certificates are
 * requested and renewed through {@link AcmeCertificatesApiController}.
 */
@RestController
@RequestMapping("/api/certificates")
class CertificatesApiController {

    private final CertificateCatalog catalog;

    private final RuntimeCertificates runtime;

    private final BindingService bindings;

    private final SelfSignedCertificateFactory selfSigned;

    private final AuditLog audit;

    private final CertificateResponses responses;

    private final Clock clock;

    private final JsonMapper json;

    private final Scripts scripts;

    private final ChangeTransaction changes;

    CertificatesApiController(CertificateCatalog catalog, RuntimeCertificates runtime, BundleOrigins origins,
            BindingService bindings, SelfSignedCertificateFactory selfSigned, AuditLog audit,
            CertificateRenewals renewals, Clock clock, JsonMapper json, Scripts scripts, ChangeTransaction changes) {
        this.clock = clock;
        this.json = json;
        this.scripts = scripts;
        this.changes = changes;
        this.catalog = catalog;
        this.runtime = runtime;
        this.bindings = bindings;
        this.selfSigned = selfSigned;
        this.audit = audit;
        this.responses = new CertificateResponses(catalog, runtime, origins, bindings, renewals);
    }

    @GetMapping
    List<CertificateResponse> list() {
        return this.catalog.entries().stream().map((entry) -> this.responses.of(entry, false)).toList();
    }

    @GetMapping("/{name}")
    ResponseEntity<CertificateResponse> get(@PathVariable String name) {
        return ResponseEntity.ok(this.responses.of(this.responses.entry(name), true));
    }

    @PostMapping(consumes = "multipart/form-data")
    ResponseEntity<?> upload(HttpServletRequest request, @RequestParam(defaultValue = "false") boolean dryRun, Principal principal)
            throws IOException {
        MultipartHttpServletRequest multipart = (MultipartHttpServletRequest) request;
        String name = request.getParameter("name");
        MultipartFile file = multipart.getFile("file");
        CertificateAndKey material;
        String spec;
        if (file != null) {
            material = UploadedCertificates.fromPkcs12(file.getBytes(), request.getParameter("password"));
            spec = "uploaded PKCS12 " + file.getOriginalFilename();
        }
        else {
            material = UploadedCertificates.fromPem(text(multipart, "certificate"), text(multipart, "privateKey"),
                    request.getParameter("privateKeyPassword"));
            spec = "uploaded PEM";
        }
        if (dryRun) {
            String summary = "Import certificate '" + name + "'";
            List<FormField> fields = new java.util.ArrayList<>(List.of(FormField.literal("name", name)));
            List<ScriptInput> inputs = new java.util.ArrayList<>();
            if (file != null) {
                fields.add(FormField.file("file", "PFX_FILE"));
                inputs.add(ScriptInput.file("PFX_FILE", (file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank())
                        ? file.getOriginalFilename() : name + ".pfx", "the PFX (PKCS12) file to import as '" + name + "'"));
                if (request.getParameter("password") != null) {
                    fields.add(FormField.fromVariable("password", "PFX_PASSWORD"));
                    inputs.add(ScriptInput.required("PFX_PASSWORD", "the password of the PFX file"));
                }
            }
            else {
                fields.add(FormField.file("certificate", "CERTIFICATE_FILE"));
                fields.add(FormField.file("privateKey", "PRIVATE_KEY_FILE"));
                inputs.add(ScriptInput.file("CERTIFICATE_FILE", "fullchain.pem", "the certificate chain (PEM, leaf first) to import as '"
                        + name + "'"));
                inputs.add(ScriptInput.file("PRIVATE_KEY_FILE", "privkey.pem", "its private key (PEM)"));
                if (request.getParameter("privateKeyPassword") != null) {
                    fields.add(FormField.fromVariable("privateKeyPassword", "PRIVATE_KEY_PASSWORD"));
                    inputs.add(ScriptInput.required("PRIVATE_KEY_PASSWORD", "the password of the private key"));
                }
            }
            ConfigurationYaml yaml = new ConfigurationYaml();
            CertificateDeclarations.imported(yaml, name);
            Script script = this.scripts.of(summary, List.of(ApiCall.form(ApiCall.path("api", "certificates"), fields).curl()),
                    inputs, yaml.render());
            return preview(name, material, "import-certificate", summary, "Store certificate '" + name + "' ("
                    + describeLeaf(material) + ") with its private key encrypted, and serve it as SSL bundle '" + name + "'",
                    script);
        }
        return created(name, RuntimeCertificates.IMPORTED, spec, material, principal);
    }

    @PostMapping(path = "/self-signed", consumes = "application/json")
    ResponseEntity<?> generate(@RequestBody SelfSignedRequest request, @RequestParam(defaultValue = "false") boolean dryRun,
            Principal principal) {
        List<String> names = (request.subjectAlternativeNames() == null || request.subjectAlternativeNames().isEmpty())
                ? SelfSignedCertificates.defaultNames() : request.subjectAlternativeNames();
        KeyType keyType;
        Duration validity;
        try {
            keyType = (request.keyType() != null) ? KeyType.of(request.keyType()) : KeyType.EC_P256;
        }
        catch (IllegalArgumentException ex) {
            throw new CertificateImportException("keyType", ex.getMessage() + ".", "Use ec-p256, rsa-2048, rsa-3072 or rsa-4096.");
        }
        try {
            validity = (request.validity() != null) ? DurationStyle.detectAndParse(request.validity()) : Duration.ofDays(365);
        }
        catch (IllegalArgumentException ex) {
            throw new CertificateImportException("validity", "'" + request.validity() + "' is not a duration.", "Use for example 90d or P90D.");
        }
        if (validity.isNegative() || validity.isZero() || validity.toDays() > 3650) {
            throw new CertificateImportException("validity", "A validity of " + request.validity() + " is not allowed.",
                    "Choose between 1 day and 3650 days.");
        }
        if (dryRun) {
            this.runtime.checkAvailable(request.name());
            String summary = "Generate self-signed certificate '" + request.name() + "'";
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("name", request.name());
            body.put("subjectAlternativeNames", names);
            body.put("keyType", keyType.id());
            body.put("validity", validity.toDays() + "d");
            ConfigurationYaml yaml = new ConfigurationYaml();
            CertificateDeclarations.selfSigned(yaml, request.name(), names, keyType.id(), validity);
            Script script = this.scripts.of(summary, List.of(ApiCall.json("POST", ApiCall.path("api", "certificates",
                    "self-signed"), "application/json", this.scripts.json(body)).curl()), List.of(), yaml.render());
            PlanResponse plan = PlanResponse.preview(summary,
                    new BindingPlan.Step("generate-certificate", request.name(), "Generate a self-signed certificate '" + request.name()
                            + "' for " + String.join(", ", names) + " (" + keyType.id() + ", valid " + validity.toDays()
                            + " days), store it with its private key encrypted and serve it as SSL bundle '" + request.name() + "'"),
                    List.of("Browsers do not trust a self-signed certificate: they will warn until it is trusted or replaced."),
                    script);
            return ResponseEntity.ok(new Preview(null, plan));
        }
        CertificateAndKey material = this.selfSigned.create(names.get(0), names, keyType, validity);
        String spec = "subject-alternative-names=" + String.join(",", names) + ";key-type=" + keyType.id() + ";validity=" + validity;
        return created(request.name(), SelfSignedCertificates.KIND, spec, material, principal);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<?> delete(@PathVariable String name, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Principal principal) {
        CertificateSummary summary = this.catalog.find(name).orElse(null);
        if (summary == null && !this.runtime.isRuntime(name)) {
            throw new CertificateNotFoundException(name);
        }
        if (!this.runtime.isRuntime(name)) {
            throw new CertificateConflictException("Certificate '" + name + "' is declared in the configuration and cannot be deleted at runtime.",
                    "Remove it from application.yml or the environment and restart the portal.");
        }
        checkUnused(name);
        checkIfMatch(name, ifMatch);
        if (dryRun) {
            String title = "Delete certificate '" + name + "'";
            return ResponseEntity.ok(new Preview(null, PlanResponse.preview(title,
                    new BindingPlan.Step("delete-certificate", name, "Delete certificate '" + name + "'"
                            + ((summary != null) ? " (" + summary.subject() + ")" : "") + " and its stored private key; no binding uses it"),
                    List.of(), this.scripts.of(title, List.of(ApiCall.of("DELETE", ApiCall.path("api", "certificates", name)).curl()),
                            List.of(), null))));
        }
        // Checked again while no binding change can start; the audit entry first: if it
        // cannot be written, nothing is deleted.
        this.bindings.whileBindingsUnchanged(() -> {
            checkUnused(name);
            checkIfMatch(name, ifMatch);
            this.audit.record(BindingsApiController.actor(principal), "certificate.delete", "certificate:" + name, describe(summary),
                    null);
            this.runtime.delete(name);
            return null;
        });
        return ResponseEntity.noContent().build();
    }

    /**
     * Refuse a change to a certificate that changed since the client read it: the tag is
     * the one {@code GET /api/certificates/{name}} sends (see {@link ApiETags}).
     */
    private void checkIfMatch(String name, String ifMatch) {
        if (ifMatch != null) {
            String current = ETags.of(this.json.writeValueAsString(this.responses.of(this.responses.entry(name), true)));
            ETags.check(ifMatch, current, "Certificate '" + name + "'");
        }
    }

    private void checkUnused(String name) {
        List<String> users = this.responses.usedBy(name);
        if (!users.isEmpty()) {
            throw new CertificateConflictException("Certificate '" + name + "' is used by binding" + (users.size() > 1 ? "s " : " ")
                    + String.join(", ", users) + ".", "Give those bindings another certificate first, then delete it.");
        }
    }

    private ResponseEntity<CertificateResponse> created(String name, String kind, String spec, CertificateAndKey material,
            Principal principal) {
        // The audit entry first: if it cannot be written, nothing is added.
        this.changes.run(() -> {
            this.runtime.checkAvailable(name);
            this.audit.record(BindingsApiController.actor(principal), "certificate.create", "certificate:" + name, null,
                    describe(CertificateSummary.of(name, material.chain(), this.clock)));
            this.runtime.add(name, kind, spec, material);
        });
        CertificateResponse body = this.responses.of(this.responses.entry(name), true);
        return ResponseEntity.created(URI.create(BindingsApiController.apiBase() + "/api/certificates/" + name)).body(body);
    }

    private ResponseEntity<Preview> preview(String name, CertificateAndKey material, String action, String summary, String step,
            Script script) {
        this.runtime.checkAvailable(name);
        CertificateSummary preview = CertificateSummary.of(name, material.chain(), this.clock);
        return ResponseEntity.ok(new Preview(CertificateResponse.Summary.of(preview),
                PlanResponse.preview(summary, new BindingPlan.Step(action, name, step), preview.warnings().stream()
                    .map((w) -> "The certificate " + w + ".").toList(), script)));
    }

    private static String describeLeaf(CertificateAndKey material) {
        return material.leaf().getSubjectX500Principal().getName() + ", expires " + material.leaf().getNotAfter().toInstant();
    }

    /**
     * The answer to a dry run: what the certificate would be, if known, and the plan.
     *
     * @param certificate the certificate that would be stored, or {@code null}
     * @param plan the plan
     */
    record Preview(CertificateResponse.Summary certificate, PlanResponse plan) {
    }

    private String describe(CertificateSummary summary) {
        if (summary == null) {
            return null;
        }
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("subject", summary.subject());
        described.put("notAfter", summary.notAfter().toString());
        described.put("sha256", summary.sha256());
        return this.json.writeValueAsString(described);
    }

    private static String text(MultipartHttpServletRequest request, String field) throws IOException {
        MultipartFile file = request.getFile(field);
        if (file != null) {
            return new String(file.getBytes(), StandardCharsets.US_ASCII);
        }
        return request.getParameter(field);
    }

    /**
     * A request to generate a self-signed certificate.
     *
     * @param name the name of the certificate and its SSL bundle
     * @param subjectAlternativeNames host names and IP addresses; empty for this machine's
     * @param keyType ec-p256 (default), rsa-2048, rsa-3072 or rsa-4096
     * @param validity how long it is valid, such as 365d (default)
     */
    record SelfSignedRequest(String name, List<String> subjectAlternativeNames, String keyType, String validity) {
    }

    /**
     * No certificate has the given name.
     */
    static class CertificateNotFoundException extends RuntimeException {

        CertificateNotFoundException(String name) {
            super("There is no certificate '" + name + "'.");
        }

    }

}
