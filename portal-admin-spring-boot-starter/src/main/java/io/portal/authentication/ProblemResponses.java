package io.portal.authentication;

import java.io.IOException;
import java.util.List;

import io.portal.system.Echo;
import io.portal.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Answers from the security filters (401, 403, 429) as RFC 9457 problem details, written
 * by the same message converters as every other answer of the admin API, instead of by
 * hand.
 */
final class ProblemResponses {

    private final List<HttpMessageConverter<?>> converters;

    ProblemResponses(List<HttpMessageConverter<?>> converters) {
        this.converters = converters;
    }

    /**
     * A problem to send.
     * @param request the request
     * @param response the response
     * @param status the status
     * @param type the kind of problem, or {@code null} for one that is just its status
     * @param detail what is wrong
     * @param action how to fix it
     * @param headers headers to send with it
     * @return the problem, for properties to be added before it is sent
     */
    Problem problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, ProblemType type,
            String detail, String action, HttpHeaders headers) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, Echo.within(detail));
        String title = (type != null) ? type.title() : status.getReasonPhrase();
        body.setTitle(title);
        body.setType(ProblemType.uri(title, ServletUriComponentsBuilder.fromContextPath(request).build().toUriString()));
        try {
            body.setInstance(java.net.URI.create(request.getRequestURI()));
        }
        catch (IllegalArgumentException ex) {
            // A path Tomcat let through but java.net.URI rejects: the problem goes without it.
        }
        body.setProperty("action", action);
        return new Problem(response, body, headers);
    }

    /**
     * A problem ready to be sent.
     */
    final class Problem {

        private final HttpServletResponse response;

        private final ProblemDetail body;

        private final HttpHeaders headers;

        private Problem(HttpServletResponse response, ProblemDetail body, HttpHeaders headers) {
            this.response = response;
            this.body = body;
            this.headers = headers;
        }

        Problem with(String property, Object value) {
            this.body.setProperty(property, value);
            return this;
        }

        @SuppressWarnings("unchecked")
        void send() throws IOException {
            ServletServerHttpResponse output = new ServletServerHttpResponse(this.response);
            output.setStatusCode(HttpStatus.valueOf(this.body.getStatus()));
            output.getHeaders().addAll(this.headers);
            for (HttpMessageConverter<?> converter : ProblemResponses.this.converters) {
                if (converter.canWrite(ProblemDetail.class, MediaType.APPLICATION_PROBLEM_JSON)) {
                    ((HttpMessageConverter<ProblemDetail>) converter).write(this.body, MediaType.APPLICATION_PROBLEM_JSON, output);
                    output.flush();
                    return;
                }
            }
            throw new IllegalStateException("No message converter writes application/problem+json");
        }

    }

}
