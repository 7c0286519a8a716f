package io.portal.web;

import io.portal.store.ChangeNotStoredException;
import io.portal.store.StoreUnreachable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page that cannot be shown as asked (an unknown certificate, an ACME order that does
 * not exist, the state store out of reach) answers with its status and says why, on the
 * error page.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private static final Log logger = LogFactory.getLog(PageErrors.class);

    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView statusError(ResponseStatusException ex) {
        HttpStatusCode status = ex.getStatusCode();
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("message", ex.getReason());
        return page;
    }

    /**
     * A page that needs the state store while it cannot be reached: 503, and what to do,
     * instead of an internal error. Other failures of the store go on to the error page.
     * @param ex the failure
     * @return the error page
     * @throws RuntimeException the failure, when the store was reached
     */
    @ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransientDataAccessResourceException.class, ChangeNotStoredException.class })
    ModelAndView storeUnreachable(RuntimeException ex) {
        if (!StoreUnreachable.isCause(ex)) {
            throw ex;
        }
        logger.warn("State store unreachable: " + StoreUnreachable.describe(ex));
        ModelAndView page = new ModelAndView("error", HttpStatus.SERVICE_UNAVAILABLE);
        page.addObject("status", HttpStatus.SERVICE_UNAVAILABLE.value());
        page.addObject("message", "The portal cannot reach its state store (the database), so this page cannot be shown "
                + "and nothing was changed. " + StoreUnreachable.ACTION);
        return page;
    }

}
