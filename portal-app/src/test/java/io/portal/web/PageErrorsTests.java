package io.portal.web;

import java.sql.SQLException;

import io.portal.store.ChangeNotStoredException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import static org.assertj.core.api.Assertions.assertThatException;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * A page that needs the state store while it is out of reach says so on the error page,
 * with 503, instead of an internal error; a store that was reached but failed is still an
 * error.
 */
class PageErrorsTests {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new PageErrors()).build();

    @Test
    void aPageThatNeedsTheUnreachableStoreSaysSo() throws Exception {
        for (var request : new org.springframework.test.web.servlet.RequestBuilder[] { get("/page"), post("/change") }) {
            this.mvc.perform(request)
                .andExpect(status().isServiceUnavailable())
                .andExpect(view().name("error"))
                .andExpect(model().attribute("status", 503))
                .andExpect(model().attribute("message", containsString("cannot reach its state store")))
                .andExpect(model().attribute("message", containsString("nothing was changed")));
        }
    }

    @Test
    void aStoreThatWasReachedButFailedIsLeftToTheErrorPage() {
        assertThatException().isThrownBy(() -> this.mvc.perform(post("/full")))
            .withRootCauseInstanceOf(SQLException.class);
    }

    @Controller
    static class Failing {

        @GetMapping("/page")
        String page() {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new SQLException("Connection to db:5432 refused.", "08001"));
        }

        @PostMapping("/change")
        String change() {
            throw new ChangeNotStoredException(new DataAccessResourceFailureException("I/O error",
                    new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        }

        @PostMapping("/full")
        String full() {
            throw new ChangeNotStoredException(new DataAccessResourceFailureException("disk full",
                    new SQLException("No space left on device", "53100")));
        }

    }

}
