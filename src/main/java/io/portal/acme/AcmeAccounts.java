package io.portal.acme;

import java.net.URI;
import java.net.URL;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Optional;

import io.portal.certificate.KeyType;

import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * The account at the CA. Its key pair is created once, stored encrypted and reused, so
 * restarts never register new accounts (Let's Encrypt allows 10 per IP address every
 * three hours). When the CA no longer knows the stored account, it is registered again
 * with the same key, which the CA maps back to the same account where it still has it.
 * Registration is serialized, so that two attempts at once do not make two accounts.
 */
class AcmeAccounts {

    private final AcmeStore store;

    private final AcmeProperties properties;

    private final Clock clock;

    AcmeAccounts(AcmeStore store, AcmeProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The stored account, without contacting the CA.
     * @param session the session
     * @return a login, or empty if no account is stored for this CA
     */
    Optional<Login> stored(Session session) {
        return this.store.findAccount(directory(session)).map((account) -> session.login(url(account.location()), account.keyPair()));
    }

    /**
     * The stored account, or a new one registered now.
     * @param session the session
     * @param progress told what happened
     * @return the login
     * @throws IssuanceException if the CA refuses the account
     */
    synchronized Login login(Session session, java.util.function.Consumer<String> progress) {
        Optional<AcmeAccount> stored = this.store.findAccount(directory(session));
        if (stored.isPresent()) {
            progress.accept("Using the stored ACME account " + stored.get().location());
            return session.login(url(stored.get().location()), stored.get().keyPair());
        }
        return register(session, KeyType.EC_P256.generateKeyPair(), progress);
    }

    /**
     * Register the account again with the stored key, after the CA said it does not know it.
     * @param session the session
     * @param progress told what happened
     * @return the login
     */
    synchronized Login reregister(Session session, java.util.function.Consumer<String> progress) {
        KeyPair keyPair = this.store.findAccount(directory(session)).map(AcmeAccount::keyPair)
            .orElseGet(KeyType.EC_P256::generateKeyPair);
        return register(session, keyPair, progress);
    }

    private Login register(Session session, KeyPair keyPair, java.util.function.Consumer<String> progress) {
        String directory = directory(session);
        AcmeProperties.ExternalAccount eab = this.properties.getExternalAccount();
        try {
            if (session.getMetadata().isExternalAccountRequired() && !eab.isConfigured()) {
                throw new IssuanceException("The CA at " + directory + " requires an external account binding to create "
                        + "an account. Set portal.acme.external-account.key-id and portal.acme.external-account.hmac-key "
                        + "to the values the CA gave you.", "externalAccountRequired", null, null);
            }
            AccountBuilder builder = new AccountBuilder().useKeyPair(keyPair);
            if (this.properties.isAcceptTermsOfService()) {
                builder.agreeToTermsOfService();
            }
            if (this.properties.getEmail() != null && !this.properties.getEmail().isBlank()) {
                builder.addEmail(this.properties.getEmail().trim());
            }
            if (eab.isConfigured()) {
                builder.withKeyIdentifier(eab.getKeyId().trim(), eab.getHmacKey().trim());
            }
            Login login = builder.createLogin(session);
            this.store.saveAccount(new AcmeAccount(directory, login.getAccountLocation().toString(), keyPair,
                    this.clock.instant()));
            progress.accept("Registered ACME account " + login.getAccountLocation() + " at " + directory
                    + (eab.isConfigured() ? " with external account key id '" + eab.getKeyId().trim() + "'" : ""));
            return login;
        }
        catch (AcmeException | RuntimeException ex) {
            IssuanceException failure = AcmeFailures.translate("registering the account", directory, ex);
            if (eab.isConfigured() && failure.problemType().isPresent()) {
                throw new IssuanceException(failure.getMessage() + ". The external account binding was used: check "
                        + "portal.acme.external-account.key-id ('" + eab.getKeyId().trim() + "') and "
                        + "portal.acme.external-account.hmac-key against what the CA gave you",
                        failure.problemType().get(), failure.retryAfter().orElse(null), ex);
            }
            throw failure;
        }
    }

    private static String directory(Session session) {
        return session.getServerUri().toString();
    }

    private static URL url(String location) {
        try {
            return URI.create(location).toURL();
        }
        catch (java.net.MalformedURLException ex) {
            throw new IllegalStateException("Stored ACME account URL is malformed: " + location, ex);
        }
    }

}
