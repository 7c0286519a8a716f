package io.portal.acme;

import java.net.ConnectException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * acme4j's exceptions become one sentence with the CA's problem detail, and keep what the
 * retry schedule needs.
 */
class AcmeFailuresTests {

    private static final String DIRECTORY = "https://acme.test/dir";

    @Test
    void aRateLimitKeepsTheCasRetryAfterAndItsDocumentation() throws Exception {
        Instant retryAfter = Instant.parse("2026-03-08T00:00:00Z");
        AcmeRateLimitedException limited = new AcmeRateLimitedException(problem("rateLimited",
                "too many certificates (5) already issued for this exact set of identifiers in the last 168h0m0s"),
                retryAfter, List.of(URI.create("https://letsencrypt.org/docs/rate-limits/").toURL()));

        IssuanceException translated = AcmeFailures.translate("creating the order", DIRECTORY, limited);

        assertThat(translated).hasMessage("The CA's rate limit stopped creating the order: too many certificates (5) already "
                + "issued for this exact set of identifiers in the last 168h0m0s [rateLimited] "
                + "(see https://letsencrypt.org/docs/rate-limits/)");
        assertThat(translated.retryAfter()).hasValue(retryAfter);
        assertThat(translated.problemType()).hasValue("rateLimited");
        assertThat(RetrySchedule.next(1, retryAfter.minusSeconds(3600), translated.retryAfter())).isEqualTo(retryAfter);
    }

    @Test
    void aRefusalNamesTheStepAndTheCasProblem() throws Exception {
        AcmeServerException refused = new AcmeServerException(problem("rejectedIdentifier",
                "Invalid identifiers requested :: Cannot issue for \"portal.internal\": Domain name does not end with a valid public suffix (TLD)"));

        assertThat(AcmeFailures.translate("creating the order", DIRECTORY, refused)).hasMessage("The CA refused creating the "
                + "order: Invalid identifiers requested :: Cannot issue for \"portal.internal\": Domain name does not end with a "
                + "valid public suffix (TLD) [rejectedIdentifier]");
    }

    @Test
    void anUnreachableCaIsSaidInWords() {
        assertThat(AcmeFailures.translate("reading an authorization", DIRECTORY, new AcmeNetworkException(new ConnectException())))
            .hasMessage("The CA at https://acme.test/dir cannot be reached while reading an authorization: connection refused");
    }

    private static Problem problem(String type, String detail) throws Exception {
        return new Problem(JSON.parse("{\"type\":\"urn:ietf:params:acme:error:" + type + "\",\"detail\":\"" + detail.replace("\"", "\\\"")
                + "\",\"status\":429}"), new URL(DIRECTORY));
    }

}
