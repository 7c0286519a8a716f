package io.portal.admin;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.portal.acme.AcmeCertificateRequest;
import io.portal.acme.AcmeOrderProgress;
import io.portal.acme.AcmeOrders;
import io.portal.acme.AcmePlan;
import io.portal.acme.AcmeRequestException;
import io.portal.acme.RenewalOutcome;
import io.portal.binding.BindingService;
import io.portal.certificate.BundleOrigins;
import io.portal.certificate.CertificateCatalog;
import io.portal.certificate.CertificateConflictException;
import io.portal.certificate.CertificateRenewals;
import io.portal.certificate.RuntimeCertificates;
import io.portal.script.Scripts;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * ACME certificates under {@code /api/certificates}: request one at runtime (with a dry
 * run that returns the plan), follow its order, and renew one now. Deleting goes through
 * {@code DELETE /api/certificates/{name}} like any runtime certificate.
 */
@RestController
@RequestMapping("/api/certificates")
class AcmeCertificatesApiController {

    private final AcmeOrders acme;

    private final CertificateCatalog catalog;

    private final CertificateResponses responses;

    private final Scripts scripts;

    AcmeCertificatesApiController(AcmeOrders acme, CertificateCatalog catalog, RuntimeCertificates runtime,
            BundleOrigins origins, BindingService bindings, CertificateRenewals renewals, Scripts scripts) {
        this.acme = acme;
        this.scripts = scripts;
        this.catalog = catalog;
        this.responses = new CertificateResponses(catalog, runtime, origins, bindings, renewals);
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
            .body(new AcmeResponse(this.responses.of(this.responses.entry(plan.name()), true), plan(plan, true),
                    resource + "/progress"));
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
                outcome.message()), this.responses.of(this.responses.entry(name), true), null));
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
                : new CertificatesApiController.CertificateNotFoundException(name);
    }

    private PlanResponse plan(AcmePlan plan, boolean applied) {
        return new PlanResponse(applied, plan.summary(), plan.steps(), plan.warnings(),
                this.scripts.of(plan.summary(), plan.curl(), java.util.List.of(), plan.yaml()));
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

}
