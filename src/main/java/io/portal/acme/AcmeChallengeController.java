package io.portal.acme;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the CA's HTTP-01 challenges at {@code /.well-known/acme-challenge/{token}} on
 * every binding, from the state store, so that any node behind a load balancer answers a
 * challenge that another node (or the shell) presented.
 */
@RestController
@ConditionalOnWebApplication
class AcmeChallengeController {

    static final String PATH = "/.well-known/acme-challenge/{token}";

    private static final Log logger = LogFactory.getLog(AcmeChallengeController.class);

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    private final AcmeStore store;

    AcmeChallengeController(AcmeStore store) {
        this.store = store;
    }

    @GetMapping(PATH)
    ResponseEntity<String> answer(@PathVariable String token, HttpServletRequest request) {
        if (!TOKEN.matcher(token).matches()) {
            return ResponseEntity.notFound().build();
        }
        return this.store.findChallenge(token).map((challenge) -> {
            logger.info("ACME certificate '" + challenge.certificate() + "': answered the HTTP-01 challenge for "
                    + challenge.domain() + " to " + request.getRemoteAddr());
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge.keyAuthorization());
        }).orElseGet(() -> ResponseEntity.notFound().build());
    }

}
