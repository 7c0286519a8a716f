package io.portal.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portal.binding.BindingConflictException;
import io.portal.binding.BindingNotFoundException;
import io.portal.binding.InvalidBindingException;
import io.portal.binding.ListenerUnavailableException;
import io.portal.certificate.CertificateConflictException;
import io.portal.certificate.CertificateImportException;
import io.portal.certificate.CertificateProblemException;
import io.portal.https.HttpsSettingsService;
import io.portal.https.InvalidHttpsSettingsException;
import io.portal.store.ChangeNotStoredException;
import io.portal.store.StoreUnreachable;
import io.portal.system.BaseUrl;
import io.portal.system.Echo;
import io.portal.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns the API's errors into RFC 9457 problem details: a title, the detail in plain
 * words, the action that fixes it and, for invalid input, the fields at fault.
 */
@RestControllerAdvice
// After the pages' own handling (web.PageErrors), before Spring Boot's problem details.
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiExceptionHandler {

    private static final Log logger = LogFactory.getLog(ApiExceptionHandler.class);

    private final ResponseEntityExceptionHandler standard = new ResponseEntityExceptionHandler() {
    };

    private final MultipartProperties multipart;

    ApiExceptionHandler(MultipartProperties multipart) {
        this.multipart = multipart;
    }

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

    @ExceptionHandler(TokensApiController.InvalidTokenRequestException.class)
    ProblemDetail invalidToken(TokensApiController.InvalidTokenRequestException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid token request", ex.getMessage(), ex.getAction(),
                field(ex.getField(), ex.getMessage()));
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

    @ExceptionHandler({ BindingNotFoundException.class, CertificatesApiController.CertificateNotFoundException.class,
            TokensApiController.TokenNotFoundException.class })
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
                "The upload is larger than the portal accepts: " + size(this.multipart.getMaxFileSize()) + " per file and "
                        + size(this.multipart.getMaxRequestSize()) + " per request at most.",
                "Certificate files are a few kilobytes: check that you are uploading the right file, or raise "
                        + "spring.servlet.multipart.max-file-size and max-request-size.", List.of());
    }

    /**
     * A change whose store or audit write failed: rolled back, listeners restored.
     */
    @ExceptionHandler(ChangeNotStoredException.class)
    ResponseEntity<ProblemDetail> changeNotStored(ChangeNotStoredException ex) {
        if (StoreUnreachable.isCause(ex)) {
            return storeUnreachable(ex);
        }
        String id = logged("A change was rolled back because the state store could not be written", ex);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Change not stored", ex.getMessage(),
                "Check that the state store (the database) is reachable and has space, then try again. The portal's log has "
                        + "the cause under error " + id + ".", List.of());
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * The state store cannot be reached (the database is down or cut off): 503, nothing
     * changed, try again once it is back. Logged once per request as a warning, without
     * the stack, as the store's health component reports the outage.
     */
    @ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransientDataAccessResourceException.class })
    ResponseEntity<?> storeFailure(RuntimeException ex, WebRequest request) throws Exception {
        if (!StoreUnreachable.isCause(ex)) {
            return unexpected(ex, request);
        }
        return storeUnreachable(ex);
    }

    private static ResponseEntity<ProblemDetail> storeUnreachable(RuntimeException ex) {
        logger.warn("State store unreachable: " + StoreUnreachable.describe(ex));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .header(HttpHeaders.RETRY_AFTER, "5")
            .body(storeUnreachableProblem());
    }

    /**
     * The problem detail of a request that needed the unreachable state store.
     * @return the problem
     */
    static ProblemDetail storeUnreachableProblem() {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemType.STATE_STORE_UNREACHABLE.title(), StoreUnreachable.DETAIL,
                StoreUnreachable.ACTION, List.of());
    }

    /**
     * Anything else under {@code /api/**}: Spring MVC's own errors (unreadable body,
     * unsupported media type, wrong parameter type...) as its problem details, any other
     * error as a problem detail that shows no internals; the cause is logged under an id.
     * Other paths are left to the rest of the application (pages have error pages).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) throws Exception {
        if (!isApi(request) || ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
            throw ex;
        }
        ApiBodyLimit.BodyTooLargeException tooLarge = bodyTooLarge(ex);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(bodyTooLarge(tooLarge));
        }
        try {
            ResponseEntity<Object> standard = this.standard.handleException(ex, request);
            if (standard != null) {
                return standard;
            }
        }
        catch (Exception notStandard) {
            if (notStandard != ex) {
                logger.debug("Could not render " + ex.getClass().getName() + " as a standard problem", notStandard);
            }
        }
        String id = logged("Unexpected error answering " + describe(request), ex);
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(unexpectedProblem(id));
    }

    /**
     * A body over the API's cap, as the message converter that met it passes it on (in
     * its cause chain).
     */
    private static ApiBodyLimit.BodyTooLargeException bodyTooLarge(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiBodyLimit.BodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    private static ProblemDetail bodyTooLarge(ApiBodyLimit.BodyTooLargeException ex) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", ex.getMessage() + " (1 MB); nothing was changed.",
                "Send only the resource's fields: a binding or a setting is a few hundred bytes. Certificate files go in a "
                        + "multipart upload (POST /api/certificates).", List.of());
    }

    /**
     * The problem detail of an unexpected error: no exception text, class or stack.
     * @param id the id the error was logged under
     * @return the problem
     */
    static ProblemDetail unexpectedProblem(String id) {
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The portal could not handle the request because of an unexpected error (error " + id + "). If it was a change, "
                        + "nothing was changed.",
                "Try again; if it happens again, report it with the error id, which the portal's log explains.", List.of());
    }

    private static boolean isApi(WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            HttpServletRequest http = servlet.getRequest();
            return http.getRequestURI().startsWith(http.getContextPath() + "/api/");
        }
        return false;
    }

    private static String describe(WebRequest request) {
        return (request instanceof ServletWebRequest servlet)
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI() : request.getDescription(false);
    }

    /**
     * Log an error under a short id that the answer names, so that the operator finds it.
     */
    static String logged(String message, Throwable ex) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        logger.error(message + " [error " + id + "]", ex);
        return id;
    }

    private static String size(DataSize size) {
        long bytes = size.toBytes();
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return size.toMegabytes() + "MB";
        }
        return (bytes >= 1024 && bytes % 1024 == 0) ? size.toKilobytes() + "KB" : bytes + " bytes";
    }

    /**
     * A problem detail. Its type is the page that documents problems with this title
     * ({@link ProblemType}), or {@code about:blank}; every value a client sent that the
     * detail repeats is shortened ({@link Echo}).
     * @param status the status
     * @param title the title
     * @param detail what is wrong
     * @param action how to fix it, or {@code null}
     * @param errors the fields at fault
     * @return the problem detail
     */
    static ProblemDetail problem(HttpStatus status, String title, String detail, String action, List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, Echo.within(detail));
        problem.setTitle(title);
        problem.setType(ProblemType.uri(title, baseUrl()));
        if (action != null) {
            problem.setProperty("action", Echo.within(action));
        }
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors.stream().map(ApiExceptionHandler::bounded).toList());
        }
        return problem;
    }

    private static Map<String, String> bounded(Map<String, String> error) {
        Map<String, String> bounded = new LinkedHashMap<>();
        error.forEach((key, value) -> bounded.put(key, Echo.within(value)));
        return bounded;
    }

    private static String baseUrl() {
        return (RequestContextHolder.getRequestAttributes() != null) ? BaseUrl.current() : null;
    }

    private static List<Map<String, String>> field(String field, String message) {
        return List.of(Map.of("field", (field != null) ? field : "", "message", message));
    }

}
