package io.portal.admin;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.portal.acme.AcmeCertificateRequest;
import io.portal.acme.AcmeOrderProgress;
import io.portal.acme.AcmeOrders;
import io.portal.acme.AcmePlan;
import io.portal.acme.AcmeRequestException;
import io.portal.acme.RenewalOutcome;
import io.portal.audit.AuditLog;
import io.portal.binding.Binding;
import io.portal.binding.BindingService;
import io.portal.certificate.BundleOrigins;
import io.portal.certificate.CertificateAndKey;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateConflictException;
import io.portal.certificate.CertificateImportException;
import io.portal.certificate.CertificateRenewals;
import io.portal.certificate.CertificateSummary;
import io.portal.certificate.KeyType;
import io.portal.certificate.RenewalStatus;
import io.portal.certificate.RuntimeCertificates;
import io.portal.certificate.SelfSignedCertificateFactory;
import io.portal.certificate.SelfSignedCertificates;
import io.portal.certificate.UploadedCertificates;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * {@code /api/certificates}: list certificates, import PFX/PEM files, generate
 * self-signed certificates, request ACME certificates and follow their order, renew them
 * now, and delete those no binding uses.
 */
@RestController
@RequestMapping("/api/certificates")
class CertificatesApiController {

    private final CertificateCatalog catalog;

    private final RuntimeCertificates runtime;

    private final BundleOrigins origins;

    private final BindingService bindings;

    private final SelfSignedCertificateFactory selfSigned;

    private final AuditLog audit;

    private final AcmeOrders acme;

    private final ObjectProvider<CertificateRenewals> renewals;

    CertificatesApiController(CertificateCatalog catalog, RuntimeCertificates runtime, BundleOrigins origins,
            BindingService bindings, SelfSignedCertificateFactory selfSigned, AuditLog audit, AcmeOrders acme,
            ObjectProvider<CertificateRenewals> renewals) {
        this.catalog = catalog;
        this.runtime = runtime;
        this.origins = origins;
        this.bindings = bindings;
        this.selfSigned = selfSigned;
        this.audit = audit;
        this.acme = acme;
        this.renewals = renewals;
    }

    @GetMapping
    List<CertificateResponse> list() {
        return this.catalog.entries().stream().map((entry) -> response(entry, false)).toList();
    }

    @GetMapping("/{name}")
    ResponseEntity<CertificateResponse> get(@PathVariable String name) {
        return this.catalog.entries().stream().filter((e) -> e.bundle().equals(name)).findFirst()
            .map((entry) -> ResponseEntity.ok(response(entry, true)))
            .orElseThrow(() -> new CertificateNotFoundException(name));
    }

    @PostMapping(consumes = "multipart/form-data")
    ResponseEntity<CertificateResponse> upload(HttpServletRequest request, Principal principal) throws IOException {
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
        return created(name, RuntimeCertificates.IMPORTED, spec, material, principal);
    }

    @PostMapping(path = "/self-signed", consumes = "application/json")
    ResponseEntity<CertificateResponse> generate(@RequestBody SelfSignedRequest request, Principal principal) {
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
        CertificateAndKey material = this.selfSigned.create(names.get(0), names, keyType, validity);
        String spec = "subject-alternative-names=" + String.join(",", names) + ";key-type=" + keyType.id() + ";validity=" + validity;
        return created(request.name(), SelfSignedCertificates.KIND, spec, material, principal);
    }

    /**
     * Request a certificate from an ACME CA. It is served at once (with a temporary
     * certificate) and obtained in the background; follow it at the progress link.
     */
    @PostMapping(path = "/acme", consumes = "application/json")
    ResponseEntity<AcmeResponse> requestAcme(@RequestBody AcmeCertificateRequest request,
            @RequestParam(defaultValue = "false") boolean dryRun, Principal principal) {
        if (dryRun) {
            AcmePlan plan = this.acme.plan(request, BindingsApiController.apiBase());
            return ResponseEntity.ok(new AcmeResponse(null, plan(plan, false), null));
        }
        AcmePlan plan = this.acme.request(request, BindingsApiController.actor(principal), BindingsApiController.apiBase());
        String resource = BindingsApiController.apiBase() + "/api/certificates/" + plan.name();
        return ResponseEntity.accepted()
            .location(URI.create(resource))
            .header(HttpHeaders.LINK, "<" + resource + "/progress>; rel=\"monitor\"")
            .body(new AcmeResponse(response(entry(plan.name()), true), plan(plan, true), resource + "/progress"));
    }

    /**
     * Where obtaining an ACME certificate stands: the steps of the current or last order,
     * and after a failure the CA's explanation and what to check.
     */
    @GetMapping("/{name}/progress")
    AcmeOrderProgress progress(@PathVariable String name) {
        return this.acme.progress(name).orElseThrow(() -> notAcme(name));
    }

    /**
     * Renew an ACME certificate now, and answer when it is done.
     */
    @PostMapping("/{name}/renew")
    ResponseEntity<?> renew(@PathVariable String name, @RequestParam(defaultValue = "false") boolean dryRun,
            Principal principal) {
        if (!this.acme.isAcme(name)) {
            throw notAcme(name);
        }
        if (dryRun) {
            return ResponseEntity.ok(new RenewResponse(null, null, plan(this.acme.renewalPlan(name,
                    BindingsApiController.apiBase()), false)));
        }
        RenewalOutcome outcome = this.acme.renewNow(name, BindingsApiController.actor(principal));
        if (outcome.result() == RenewalOutcome.Result.BUSY) {
            return problem(ApiExceptionHandler.problem(HttpStatus.CONFLICT, "Being obtained elsewhere", outcome.message(),
                    "Follow it at GET /api/certificates/" + name + "/progress, or try again in a few minutes.", List.of()));
        }
        if (outcome.result() == RenewalOutcome.Result.FAILED) {
            AcmeOrderProgress progress = this.acme.progress(name).orElseThrow();
            ProblemDetail problem = ApiExceptionHandler.problem(HttpStatus.BAD_GATEWAY, "Renewal failed", outcome.message(),
                    progress.advice().isEmpty() ? "Read the CA's explanation; the portal tries again at "
                            + outcome.nextAttemptAt() + "." : String.join(" ", progress.advice()), List.of());
            problem.setProperty("problemType", progress.problemType());
            problem.setProperty("advice", progress.advice());
            problem.setProperty("nextAttemptAt", outcome.nextAttemptAt());
            return problem(problem);
        }
        return ResponseEntity.ok(new RenewResponse(new Outcome(outcome.result().name().toLowerCase(Locale.ROOT),
                outcome.message()), response(entry(name), true), null));
    }

    @ExceptionHandler(AcmeRequestException.class)
    ResponseEntity<ProblemDetail> invalidAcmeRequest(AcmeRequestException ex) {
        HttpStatus status = switch (ex.getReason()) {
            case CONFLICT -> HttpStatus.CONFLICT;
            case CA_UNREACHABLE -> HttpStatus.BAD_GATEWAY;
            default -> HttpStatus.BAD_REQUEST;
        };
        String title = switch (ex.getReason()) {
            case CONFLICT -> "Conflict";
            case CA_UNREACHABLE -> "CA unreachable";
            default -> "Invalid ACME request";
        };
        ProblemDetail problem = ApiExceptionHandler.problem(status, title, ex.getMessage(), ex.getAction(),
                ex.getField().map((field) -> List.of(Map.of("field", field, "message", ex.getMessage()))).orElse(List.of()));
        ex.getTermsOfService().ifPresent((terms) -> problem.setProperty("termsOfService", terms));
        return problem(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private RuntimeException notAcme(String name) {
        return this.catalog.find(name).isPresent()
                ? new CertificateConflictException("Certificate '" + name + "' is not obtained from an ACME CA, so it has no "
                        + "order to follow and the portal does not renew it.", "Replace it by importing or generating another "
                                + "certificate, or request one with POST /api/certificates/acme.")
                : new CertificateNotFoundException(name);
    }

    private CertificateCatalog.Entry entry(String name) {
        return this.catalog.entries().stream().filter((e) -> e.bundle().equals(name)).findFirst()
            .orElseThrow(() -> new CertificateNotFoundException(name));
    }

    private static PlanResponse plan(AcmePlan plan, boolean applied) {
        return new PlanResponse(applied, plan.summary(), plan.steps(), plan.warnings(),
                new PlanResponse.Script(plan.curl(), plan.yaml()));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, Principal principal) {
        CertificateSummary summary = this.catalog.find(name).orElse(null);
        if (summary == null && !this.runtime.isRuntime(name)) {
            throw new CertificateNotFoundException(name);
        }
        if (!this.runtime.isRuntime(name)) {
            throw new CertificateConflictException("Certificate '" + name + "' is declared in the configuration and cannot be deleted at runtime.",
                    "Remove it from application.yml or the environment and restart the portal.");
        }
        List<String> users = usedBy(name);
        if (!users.isEmpty()) {
            throw new CertificateConflictException("Certificate '" + name + "' is used by binding" + (users.size() > 1 ? "s " : " ")
                    + String.join(", ", users) + ".", "Give those bindings another certificate first, then delete it.");
        }
        this.runtime.delete(name);
        this.audit.record(BindingsApiController.actor(principal), "certificate.delete", "certificate:" + name, describe(summary), null);
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<CertificateResponse> created(String name, String kind, String spec, CertificateAndKey material,
            Principal principal) {
        CertificateSummary summary = this.runtime.add(name, kind, spec, material);
        this.audit.record(BindingsApiController.actor(principal), "certificate.create", "certificate:" + name, null, describe(summary));
        CertificateResponse body = response(this.catalog.entries().stream().filter((e) -> e.bundle().equals(name)).findFirst()
            .orElseThrow(), true);
        return ResponseEntity.created(URI.create(BindingsApiController.apiBase() + "/api/certificates/" + name)).body(body);
    }

    private CertificateResponse response(CertificateCatalog.Entry entry, boolean withChain) {
        String name = entry.bundle();
        boolean runtimeCertificate = this.runtime.isRuntime(name);
        RenewalStatus renewal = renewal(name);
        String kind = runtimeCertificate ? this.runtime.kind(name)
                : (this.origins.isKeyStore(name) || this.origins.isPem(name)) ? "file"
                        : (renewal != null) ? "acme" : this.origins.isManaged(name) ? "self-signed" : "file";
        return new CertificateResponse(name, kind, runtimeCertificate ? "api" : "config",
                (entry.summary() != null) ? CertificateResponse.Summary.of(entry.summary()) : null,
                (entry.problem() != null) ? entry.problem().getMessage() : null, usedBy(name),
                CertificateResponse.Renewal.of(renewal), withChain ? CertificateResponse.chainPem(entry.summary()) : null);
    }

    private RenewalStatus renewal(String name) {
        CertificateRenewals source = this.renewals.getIfAvailable();
        return (source != null) ? source.status(name).orElse(null) : null;
    }

    private List<String> usedBy(String bundle) {
        return this.bindings.bindings().stream().filter((b) -> b.bundles().contains(bundle)).map(Binding::name).toList();
    }

    private static String describe(CertificateSummary summary) {
        return (summary == null) ? null : "{\"subject\":\"" + summary.subject() + "\",\"notAfter\":\"" + summary.notAfter()
                + "\",\"sha256\":\"" + summary.sha256() + "\"}";
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
     * The answer to a request for an ACME certificate.
     *
     * @param certificate the certificate as it is served now (the temporary one until the
     * CA issues it); none for a dry run
     * @param plan what is done, or would be done in a dry run
     * @param progress where to follow the order; none for a dry run
     */
    record AcmeResponse(CertificateResponse certificate, PlanResponse plan, String progress) {
    }

    /**
     * The answer to a renewal.
     *
     * @param outcome how it ended; none for a dry run
     * @param certificate the certificate now served; none for a dry run
     * @param plan what would be done, for a dry run
     */
    record RenewResponse(Outcome outcome, CertificateResponse certificate, PlanResponse plan) {
    }

    /**
     * How a renewal ended.
     *
     * @param result {@code issued}, or {@code already_current} when another node had just
     * renewed it
     * @param message what happened
     */
    record Outcome(String result, String message) {
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
