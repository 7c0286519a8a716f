package io.portal.acme;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.stream.Collectors;

import javax.net.ssl.SSLException;

import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeNotSupportedException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUserActionRequiredException;

/**
 * Translates acme4j's exceptions into {@link IssuanceException}s at the boundary of this
 * package: one sentence that says what the portal was doing, what the CA answered (its
 * problem detail), and, where it helps, what to check.
 */
final class AcmeFailures {

    static final String ERROR_PREFIX = "urn:ietf:params:acme:error:";

    private AcmeFailures() {
    }

    /**
     * Translate a failure.
     * @param step what the portal was doing, such as "creating the order"
     * @param directory the CA's directory URL, for network errors
     * @param failure what acme4j threw
     * @return the translated exception
     */
    static IssuanceException translate(String step, String directory, Exception failure) {
        Exception ex = (failure instanceof AcmeLazyLoadingException lazy && lazy.getCause() instanceof Exception cause)
                ? cause : failure;
        if (ex instanceof IssuanceException issuance) {
            return issuance;
        }
        if (ex instanceof AcmeRateLimitedException limited) {
            String documents = limited.getDocuments().isEmpty() ? ""
                    : " (see " + limited.getDocuments().stream().map(Object::toString).collect(Collectors.joining(", ")) + ")";
            return new IssuanceException("The CA's rate limit stopped " + step + ": " + describe(limited.getProblem())
                    + documents, type(limited), limited.getRetryAfter().orElse(null), ex);
        }
        if (ex instanceof AcmeUserActionRequiredException action) {
            String terms = action.getTermsOfServiceUri().map((uri) -> " New terms of service: " + uri + ".").orElse("");
            String visit = action.getProblem().getInstance().map((uri) -> " Visit " + uri + ".").orElse("");
            return new IssuanceException("The CA asks for your action before " + step + ": "
                    + describe(action.getProblem()) + "." + visit + terms, type(action), null, ex);
        }
        if (ex instanceof AcmeServerException server) {
            return new IssuanceException("The CA refused " + step + ": " + describe(server.getProblem()), type(server), null, ex);
        }
        if (ex instanceof AcmeNetworkException network) {
            return new IssuanceException("The CA at " + directory + " cannot be reached while " + step + ": "
                    + network(network.getCause()), null, null, ex);
        }
        if (ex instanceof AcmeNotSupportedException unsupported) {
            return new IssuanceException("The CA at " + directory + " does not support what " + step + " needs: "
                    + unsupported.getMessage(), null, null, ex);
        }
        if (ex instanceof AcmeProtocolException || ex instanceof AcmeException) {
            return new IssuanceException("The CA's answer to " + step + " cannot be used: " + ex.getMessage(), null, null, ex);
        }
        return new IssuanceException("Unexpected failure while " + step + ": " + ex, null, null, ex);
    }

    /**
     * A problem document as one readable phrase: its detail, its subproblems, and its type.
     * @param problem the problem
     * @return the phrase
     */
    static String describe(Problem problem) {
        String type = problem.getType().toString();
        return problem + " [" + (type.startsWith(ERROR_PREFIX) ? type.substring(ERROR_PREFIX.length()) : type) + "]";
    }

    private static String type(AcmeServerException ex) {
        String type = ex.getType().toString();
        return type.startsWith(ERROR_PREFIX) ? type.substring(ERROR_PREFIX.length()) : type;
    }

    private static String network(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer within the timeout (portal.acme.timeout)";
            }
            if (t instanceof UnknownHostException) {
                return "its host name does not resolve";
            }
            if (t instanceof SSLException ssl) {
                String message = String.valueOf(ssl.getMessage());
                return "the TLS handshake failed (" + message + ")" + (message.contains("PKIX")
                        ? "; if the CA uses a private root certificate, add it to portal.acme.trust-store" : "");
            }
        }
        return (cause != null) ? cause.getClass().getSimpleName() + ": " + cause.getMessage() : "network error";
    }

}
