package io.portal.authentication;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.portal.account.LoginThrottle;
import io.portal.system.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds back sign-in attempts from a client address that has failed too often, before
 * the credentials are checked. A password (HTTP Basic or the sign-in form) is only
 * checked once the {@link LoginThrottle} has reserved one of the address's remaining
 * attempts for it, so parallel guesses cannot slip past the limit; an API token, whose
 * secret cannot be guessed, is only held back once the failures are used up. Refused
 * requests get 429 with Retry-After as a problem detail, and the sign-in form its page
 * with the wait.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    private final ProblemResponses problems;

    LoginThrottleFilter(LoginThrottle throttle, ProblemResponses problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SignInRequests.carriesCredentials(request)) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        if (!SignInRequests.carriesPassword(request)) {
            Duration wait = this.throttle.retryAfter(address);
            if (wait.isZero() || wait.isNegative()) {
                chain.doFilter(request, response);
            }
            else {
                refuse(request, response, wait);
            }
            return;
        }
        Optional<Duration> refused = this.throttle.begin(address);
        if (refused.isPresent()) {
            refuse(request, response, refused.get());
            return;
        }
        try {
            chain.doFilter(request, response);
        }
        finally {
            this.throttle.end(address);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
        long seconds = Math.max(1, wait.toSeconds() + ((wait.toMillis() % 1000 > 0) ? 1 : 0));
        if (SignInRequests.isFormSignIn(request)) {
            response.sendRedirect(request.getContextPath() + SignInRequests.LOGIN + "?retry=" + seconds);
            return;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        this.problems.problem(request, response, HttpStatus.TOO_MANY_REQUESTS, ProblemType.TOO_MANY_SIGN_INS,
                "Too many failed sign-ins from " + request.getRemoteAddr() + "; try again in " + seconds + " seconds.",
                ProblemType.TOO_MANY_SIGN_INS.fix(), headers)
            .with("retryAfterSeconds", seconds)
            .send();
    }

}
