package io.portal.acme;

import java.util.Optional;
import java.util.regex.Pattern;

import io.portal.store.StoreUnreachable;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the CA's HTTP-01 challenges at {@code /.well-known/acme-challenge/{token}} on
 * every binding, from the state store, so that any node behind a load balancer answers a
 * challenge that another node (or the shell) presented. While the store is out of reach,
 * the node answers the challenges it presented or answered itself (held in memory by the
 * store), and 503 for any other.
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
        Optional<PendingChallenge> found;
        try {
            found = this.store.findChallenge(token);
        }
        catch (RuntimeException ex) {
            if (!StoreUnreachable.isCause(ex)) {
                throw ex;
            }
            logger.warn("Cannot answer the HTTP-01 challenge " + token + " to " + request.getRemoteAddr()
                    + ": the state store is out of reach, and this node does not hold the challenge ("
                    + StoreUnreachable.describe(ex) + ")");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.TEXT_PLAIN)
                .body("The portal cannot reach its state store, where this challenge would be.");
        }
        return found.map((challenge) -> {
            logger.info("ACME certificate '" + challenge.certificate() + "': answered the HTTP-01 challenge for "
                    + challenge.domain() + " to " + request.getRemoteAddr());
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge.keyAuthorization());
        }).orElseGet(() -> ResponseEntity.notFound().build());
    }

}
