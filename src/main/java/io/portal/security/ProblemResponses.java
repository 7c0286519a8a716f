package io.portal.security;

import java.io.IOException;

import io.portal.system.Echo;
import io.portal.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Answers from the security filters (401, 403, 429) as RFC 9457 problem details, written
 * by Spring MVC's exception handling and message converters like every other error of
 * the admin API, instead of by hand.
 */
final class ProblemResponses {

    private final HandlerExceptionResolver resolver;

    ProblemResponses(HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Send a problem.
     * @param request the request
     * @param response the response
     * @param status the status
     * @param type the kind of problem, or {@code null} for one that is just its status
     * @param detail what is wrong
     * @param action how to fix it
     * @param headers headers to send with it
     * @return the problem detail, for properties to be added before it is sent
     */
    Problem problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, ProblemType type,
            String detail, String action, HttpHeaders headers) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, Echo.within(detail));
        String title = (type != null) ? type.title() : status.getReasonPhrase();
        body.setTitle(title);
        body.setType(ProblemType.uri(title, ServletUriComponentsBuilder.fromContextPath(request).build().toUriString()));
        body.setProperty("action", action);
        return new Problem(request, response, new ErrorResponseException(status, body, null), headers);
    }

    /**
     * A problem ready to be sent.
     */
    final class Problem {

        private final HttpServletRequest request;

        private final HttpServletResponse response;

        private final ErrorResponseException error;

        private Problem(HttpServletRequest request, HttpServletResponse response, ErrorResponseException error, HttpHeaders headers) {
            this.request = request;
            this.response = response;
            this.error = error;
            this.error.getHeaders().addAll(headers);
        }

        Problem with(String property, Object value) {
            this.error.getBody().setProperty(property, value);
            return this;
        }

        void send() throws IOException {
            if (ProblemResponses.this.resolver.resolveException(this.request, this.response, null, this.error) == null) {
                this.response.sendError(this.error.getStatusCode().value(), this.error.getBody().getDetail());
            }
        }

    }

}
