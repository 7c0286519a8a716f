package io.portal.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every resource the admin API reads out gets an {@code ETag}, and a read with a matching
 * {@code If-None-Match} gets 304 Not Modified (Spring's {@code checkNotModified}). A
 * controller that knows its resource's version sets the tag itself (bindings, settings);
 * for the others the tag is the hash of the JSON sent, the same for the same content.
 */
@RestControllerAdvice(basePackageClasses = ApiETags.class)
class ApiETags implements ResponseBodyAdvice<Object> {

    private final JsonMapper json;

    ApiETags(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (body == null || body instanceof ProblemDetail || !(request instanceof ServletServerHttpRequest servletRequest)
                || !(response instanceof ServletServerHttpResponse servletResponse)) {
            return body;
        }
        HttpServletRequest httpRequest = servletRequest.getServletRequest();
        HttpServletResponse httpResponse = servletResponse.getServletResponse();
        if (!HttpMethod.GET.matches(httpRequest.getMethod()) || httpResponse.getStatus() != HttpServletResponse.SC_OK
                || !httpRequest.getRequestURI().startsWith(httpRequest.getContextPath() + "/api/")) {
            return body;
        }
        String etag = response.getHeaders().getETag();
        if (etag == null) {
            etag = ETags.of(this.json.writeValueAsString(body));
            response.getHeaders().set(HttpHeaders.ETAG, etag);
        }
        if (new ServletWebRequest(httpRequest, httpResponse).checkNotModified(etag)) {
            servletResponse.setStatusCode(org.springframework.http.HttpStatus.NOT_MODIFIED);
            return null;
        }
        return body;
    }

}
