package io.portal.admin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The error controller that answers {@code /api/**} errors as problem details; Spring
 * Boot's own one steps back for it. The cap on API request bodies.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiErrorConfiguration {

    @Bean
    ApiErrorController apiErrorController(ErrorAttributes errorAttributes, WebProperties webProperties,
            ObjectProvider<ErrorViewResolver> errorViewResolvers) {
        return new ApiErrorController(errorAttributes, webProperties.getError(), errorViewResolvers.orderedStream().toList());
    }

    /**
     * After the security filters, so that no body is read for a request they refuse.
     */
    @Bean
    FilterRegistrationBean<ApiBodyLimit> apiBodyLimit() {
        FilterRegistrationBean<ApiBodyLimit> registration = new FilterRegistrationBean<>(new ApiBodyLimit());
        registration.addUrlPatterns("/api/*");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

}
