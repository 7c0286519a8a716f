package io.portal.admin;

import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Spring Boot's error controller ({@code /error}), except that errors of {@code /api/**}
 * requests that reach it (thrown before or outside a controller, or sent with
 * {@code sendError}) are answered as problem details without internals, like every
 * other API error, instead of Boot's error attributes.
 */
class ApiErrorController extends BasicErrorController {

    ApiErrorController(ErrorAttributes errorAttributes, ErrorProperties errorProperties, List<ErrorViewResolver> resolvers) {
        super(errorAttributes, errorProperties, resolvers);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        HttpStatus status = getStatus(request);
        if (!(uri instanceof String path) || !path.startsWith(request.getContextPath() + "/api/") || status == HttpStatus.NO_CONTENT) {
            return super.error(request);
        }
        ProblemDetail problem;
        if (status.is5xxServerError()) {
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            String id = ApiExceptionHandler.logged("Unexpected error answering " + path,
                    (failure instanceof Throwable t) ? t : new IllegalStateException("status " + status.value()));
            problem = ApiExceptionHandler.unexpectedProblem(id);
        }
        else {
            problem = ApiExceptionHandler.problem(status, status.getReasonPhrase(), "The request was refused: "
                    + status.getReasonPhrase() + ".", "Check the method, path, headers and body against /v3/api-docs.", List.of());
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", path);
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

}
