package io.portal.admin;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.portal.binding.BindingConflictException;
import io.portal.binding.BindingNotFoundException;
import io.portal.binding.InvalidBindingException;
import io.portal.binding.ListenerUnavailableException;
import io.portal.certificate.CertificateConflictException;
import io.portal.certificate.CertificateImportException;
import io.portal.certificate.CertificateProblemException;
import io.portal.security.HttpsSettingsService;
import io.portal.security.InvalidHttpsSettingsException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Turns the API's errors into RFC 9457 problem details: a title, the detail in plain
 * words, the action that fixes it and, for invalid input, the fields at fault.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    @ExceptionHandler(ListenerUnavailableException.class)
    ProblemDetail portUnavailable(ListenerUnavailableException ex) {
        return problem(HttpStatus.CONFLICT, "Port unavailable", ex.getMessage(), ex.getAction(), field(ex.getField(), ex.getMessage()));
    }

    @ExceptionHandler(InvalidBindingException.class)
    ProblemDetail invalidBinding(InvalidBindingException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid binding", ex.getMessage(), ex.getAction(), field(ex.getField(), ex.getMessage()));
    }

    @ExceptionHandler(CertificateProblemException.class)
    ProblemDetail unusableCertificate(CertificateProblemException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Unusable certificate", ex.getMessage(), ex.getAction(), field("sslBundle", ex.getMessage()));
    }

    @ExceptionHandler(CertificateImportException.class)
    ProblemDetail invalidCertificate(CertificateImportException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid certificate", ex.getMessage(), ex.getAction(), field(ex.getField(), ex.getMessage()));
    }

    @ExceptionHandler(InvalidHttpsSettingsException.class)
    ProblemDetail invalidSettings(InvalidHttpsSettingsException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid HTTPS settings", ex.getMessage(), ex.getAction(),
                field(HttpsSettingsService.fieldOf(ex.getProperty()), ex.getMessage()));
    }

    @ExceptionHandler(BindingConflictException.class)
    ProblemDetail bindingConflict(BindingConflictException ex) {
        return problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage(), ex.getAction(), List.of());
    }

    @ExceptionHandler(CertificateConflictException.class)
    ProblemDetail certificateConflict(CertificateConflictException ex) {
        return problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage(), ex.getAction(), List.of());
    }

    @ExceptionHandler({ BindingNotFoundException.class, CertificatesApiController.CertificateNotFoundException.class })
    ProblemDetail notFound(RuntimeException ex) {
        return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), "List what exists with GET on the collection.", List.of());
    }

    @ExceptionHandler(ETags.PreconditionFailedException.class)
    ProblemDetail preconditionFailed(ETags.PreconditionFailedException ex) {
        return problem(HttpStatus.PRECONDITION_FAILED, "Changed by someone else", ex.getMessage(),
                "Read it again, apply your change to the current version and send it with the new ETag in If-Match.", List.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException ex) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Upload too large",
                "The upload is larger than the portal accepts (" + ex.getMaxUploadSize() + " bytes at most).",
                "Certificate files are a few kilobytes: check that you are uploading the right file, or raise "
                        + "spring.servlet.multipart.max-file-size.", List.of());
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail, String action, List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://portal.example/problems/" + title.toLowerCase().replace(' ', '-')));
        if (action != null) {
            problem.setProperty("action", action);
        }
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    private static List<Map<String, String>> field(String field, String message) {
        return List.of(Map.of("field", (field != null) ? field : "", "message", message));
    }

}
