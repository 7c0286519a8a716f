package io.portal.admin;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;

import io.portal.store.ChangeNotStoredException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every unexpected error under {@code /api/**} is a problem detail that shows no internals;
 * the cause is logged under the id the answer names. Spring MVC's own errors keep their
 * status. Errors of other paths are left to the pages' error handling.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiExceptionHandlerTests {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new ApiExceptionHandler(new org.springframework.boot.servlet.autoconfigure.MultipartProperties())).build();

    @Test
    void anUnexpectedErrorIsAProblemDetailWithoutInternals(CapturedOutput output) throws Exception {
        String body = this.mvc.perform(get("/api/fail"))
            .andExpect(status().isInternalServerError())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.title").value("Internal error"))
            .andExpect(jsonPath("$.action").exists())
            .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("jdbc:h2").doesNotContain("IllegalStateException").doesNotContain("at io.portal");
        String id = body.replaceAll(".*\\(error ([0-9a-f]{8})\\).*", "$1");
        assertThat(output).contains("[error " + id + "]").contains("jdbc:h2:file:/secret");
    }

    @Test
    void aChangeThatCouldNotBeStoredSaysNothingChanged() throws Exception {
        this.mvc.perform(get("/api/not-stored"))
            .andExpect(status().isInternalServerError())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.title").value("Change not stored"))
            .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("as they were")))
            .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("disk full"))));
    }

    @Test
    void aStoreOutOfReachIsA503ThatSaysNothingChangedAndWhatToDo(CapturedOutput output) throws Exception {
        for (String path : List.of("/api/no-connection", "/api/no-transaction", "/api/connection-lost", "/api/not-stored-unreachable",
                "/api/pool-timeout")) {
            String body = this.mvc.perform(post(path))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.title").value("State store unreachable"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nothing was changed")))
                .andExpect(jsonPath("$.action").value(org.hamcrest.Matchers.containsString("once it is back")))
                .andReturn().getResponse().getContentAsString();
            assertThat(body).as(path).doesNotContain("jdbc:").doesNotContain("secret").doesNotContain("Exception");
        }
        assertThat(output).contains("State store unreachable: java.sql.SQLException: Connection to 10.0.0.5:5432 refused")
            .doesNotContain("secret");
    }

    @Test
    void springMvcsOwnErrorsKeepTheirStatus() throws Exception {
        this.mvc.perform(post("/api/echo").contentType(MediaType.APPLICATION_JSON).content("{"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        this.mvc.perform(post("/api/echo").contentType(MediaType.TEXT_PLAIN).content("x"))
            .andExpect(status().isUnsupportedMediaType())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        this.mvc.perform(get("/api/echo")).andExpect(status().isMethodNotAllowed());
    }

    @Test
    void errorsOfPagesAreLeftToThePages() {
        assertThatExceptionOfType(ServletException.class).isThrownBy(() -> this.mvc.perform(get("/page/fail")))
            .withRootCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void apiErrorsThatReachTheErrorPageAreProblemDetailsToo() {
        ApiErrorController controller = new ApiErrorController(new DefaultErrorAttributes(), new ErrorProperties(), List.of());
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/bindings");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("jdbc:h2:file:/secret"));
        ResponseEntity<Map<String, Object>> answer = controller.error(request);
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).containsEntry("title", "Internal error").containsKey("action");
        assertThat(answer.getBody().toString()).doesNotContain("secret").doesNotContain("Exception");

        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 404);
        assertThat(controller.error(request).getBody()).containsEntry("status", 404).containsEntry("title", "Not Found");

        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/bindings");
        assertThat(controller.error(request).getBody()).doesNotContainKey("title").containsKey("timestamp");
    }

    @RestController
    static class Failing {

        @GetMapping("/api/fail")
        String fail() {
            throw new IllegalStateException("Cannot open jdbc:h2:file:/secret/portal");
        }

        @GetMapping("/api/not-stored")
        String notStored() {
            // Reached, but full: not "unreachable" (SQL state 53100, which Spring files under resource failures too).
            throw new ChangeNotStoredException(new DataAccessResourceFailureException("disk full", new SQLException("disk full", "53100")));
        }

        @PostMapping("/api/no-connection")
        String noConnection() {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", refused());
        }

        @PostMapping("/api/no-transaction")
        String noTransaction() {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction", refused());
        }

        @PostMapping("/api/connection-lost")
        String connectionLost() {
            throw new TransientDataAccessResourceException("jdbc:postgresql://db/portal?password=secret", refused());
        }

        @PostMapping("/api/not-stored-unreachable")
        String notStoredUnreachable() {
            throw new ChangeNotStoredException(new DataAccessResourceFailureException("I/O error", refused()));
        }

        @PostMapping("/api/pool-timeout")
        String poolTimeout() {
            throw new ChangeNotStoredException(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms",
                            refused())));
        }

        private static SQLException refused() {
            return new SQLException("Connection to 10.0.0.5:5432 refused.", "08001",
                    new java.net.ConnectException("Connection refused"));
        }

        @PostMapping("/api/echo")
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            return body;
        }

        @GetMapping("/page/fail")
        String page() {
            throw new IllegalStateException("page");
        }

    }

}
