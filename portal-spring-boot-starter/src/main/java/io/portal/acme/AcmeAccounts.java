package io.portal.acme;

import java.net.URI;
import java.net.URL;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

import io.portal.certificate.KeyType;

import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * The accounts at the CAs, one per directory and contact address. Its key pair is
 * created once, stored encrypted and reused, so restarts never register new accounts
 * (Let's Encrypt allows 10 per IP address every three hours). When the CA no longer knows
 * the stored account, it is registered again with the same key, which the CA maps back to
 * the same account where it still has it. Registration is serialized, so that two
 * attempts at once do not make two accounts.
 */
class AcmeAccounts {

    private final AcmeStore store;

    private final AccountSettings configured;

    private final Clock clock;

    /**
     * Create the accounts.
     * @param store where accounts are kept
     * @param configured the account settings of {@code portal.acme}, whose account an
     * earlier version stored under the directory URL alone
     * @param clock the clock
     */
    AcmeAccounts(AcmeStore store, AccountSettings configured, Clock clock) {
        this.store = store;
        this.configured = configured;
        this.clock = clock;
    }

    /**
     * The stored account, without contacting the CA.
     * @param session the session with the account's CA
     * @param settings the account's settings
     * @return a login, or empty if no account is stored for them
     */
    Optional<Login> stored(Session session, AccountSettings settings) {
        return find(settings).map((account) -> session.login(url(account.location()), account.keyPair()));
    }

    /**
     * The stored account, or a new one registered now.
     * @param session the session with the account's CA
     * @param settings the account's settings
     * @param progress told what happened
     * @return the login
     * @throws IssuanceException if the CA refuses the account
     */
    synchronized Login login(Session session, AccountSettings settings, Consumer<String> progress) {
        Optional<AcmeAccount> stored = find(settings);
        if (stored.isPresent()) {
            progress.accept("Using the stored ACME account " + stored.get().location());
            return session.login(url(stored.get().location()), stored.get().keyPair());
        }
        return register(session, settings, settings.key(), KeyType.EC_P256.generateKeyPair(), progress);
    }

    /**
     * Register the account again with the stored key, after the CA said it does not know it.
     * @param session the session with the account's CA
     * @param settings the account's settings
     * @param progress told what happened
     * @return the login
     */
    synchronized Login reregister(Session session, AccountSettings settings, Consumer<String> progress) {
        Optional<AcmeAccount> stored = find(settings);
        return register(session, settings, stored.map(AcmeAccount::directory).orElse(settings.key()),
                stored.map(AcmeAccount::keyPair).orElseGet(KeyType.EC_P256::generateKeyPair), progress);
    }

    /**
     * Whether an account is stored for the settings.
     * @param settings the account's settings
     * @return whether one is
     */
    boolean exists(AccountSettings settings) {
        return find(settings).isPresent();
    }

    private Optional<AcmeAccount> find(AccountSettings settings) {
        Optional<AcmeAccount> account = this.store.findAccount(settings.key());
        if (account.isEmpty() && settings.key().equals(this.configured.key()) && !settings.key().equals(settings.directory())) {
            // Stored by an earlier version, which kept one account per directory.
            account = this.store.findAccount(settings.directory());
        }
        return account;
    }

    private Login register(Session session, AccountSettings settings, String key, KeyPair keyPair, Consumer<String> progress) {
        String directory = settings.directory();
        AcmeProperties.ExternalAccount eab = settings.hasExternalAccount() ? settings.externalAccount() : null;
        try {
            if (session.getMetadata().isExternalAccountRequired() && eab == null) {
                throw new IssuanceException("The CA at " + directory + " requires an external account binding to create "
                        + "an account. Set portal.acme.external-account.key-id and portal.acme.external-account.hmac-key "
                        + "to the values the CA gave you" + (directory.equals(this.configured.directory()) ? ""
                                : ", with portal.acme.directory set to " + directory) + ".", "externalAccountRequired", null, null);
            }
            AccountBuilder builder = new AccountBuilder().useKeyPair(keyPair);
            if (settings.termsAccepted()) {
                builder.agreeToTermsOfService();
            }
            if (settings.email() != null) {
                builder.addEmail(settings.email());
            }
            if (eab != null) {
                builder.withKeyIdentifier(eab.getKeyId().trim(), eab.getHmacKey().trim());
            }
            Login login = builder.createLogin(session);
            this.store.saveAccount(new AcmeAccount(key, login.getAccountLocation().toString(), keyPair, this.clock.instant()));
            progress.accept("Registered ACME account " + login.getAccountLocation() + " at " + directory
                    + ((settings.email() != null) ? " with contact " + settings.email() : "")
                    + ((eab != null) ? " with external account key id '" + eab.getKeyId().trim() + "'" : ""));
            return login;
        }
        catch (AcmeException | RuntimeException ex) {
            IssuanceException failure = AcmeFailures.translate("registering the account", directory, ex);
            if (eab != null && failure.problemType().isPresent()) {
                throw new IssuanceException(failure.getMessage() + ". The external account binding was used: check "
                        + "portal.acme.external-account.key-id ('" + eab.getKeyId().trim() + "') and "
                        + "portal.acme.external-account.hmac-key against what the CA gave you",
                        failure.problemType().get(), failure.retryAfter().orElse(null), ex);
            }
            throw failure;
        }
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
