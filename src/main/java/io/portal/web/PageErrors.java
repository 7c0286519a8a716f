package io.portal.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page that cannot be shown as asked (an unknown certificate, an ACME order that does
 * not exist) answers with its status and says why, on the error page.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView statusError(ResponseStatusException ex) {
        HttpStatusCode status = ex.getStatusCode();
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("message", ex.getReason());
        return page;
    }

}
