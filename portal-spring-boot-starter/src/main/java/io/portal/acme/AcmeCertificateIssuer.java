package io.portal.acme;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.portal.certificate.CertificateAndKey;

import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * {@link CertificateIssuer} for any ACME CA, with acme4j and HTTP-01 challenges: reuse or
 * register the account, order (naming the certificate it replaces where the CA offers
 * ARI), answer each authorization's HTTP-01 challenge through the {@link Http01Solver},
 * finalize with a new key, download the chain.
 */
class AcmeCertificateIssuer implements CertificateIssuer {

    private final AcmeSessions sessions;

    private final AcmeAccounts accounts;

    private final Http01Solver solver;

    private final Clock clock;

    private final ChallengeFetches fetches;

    AcmeCertificateIssuer(AcmeSessions sessions, AcmeAccounts accounts, Http01Solver solver, Clock clock) {
        this(sessions, accounts, solver, clock, new ChallengeFetches());
    }

    AcmeCertificateIssuer(AcmeSessions sessions, AcmeAccounts accounts, Http01Solver solver, Clock clock,
            ChallengeFetches fetches) {
        this.fetches = fetches;
        this.sessions = sessions;
        this.accounts = accounts;
        this.solver = solver;
        this.clock = clock;
    }

    @Override
    public CertificateAndKey issue(IssueRequest request, Consumer<AcmeProgress> progress) {
        String directory = request.account().directory();
        Session session = this.sessions.session(directory);
        Steps steps = new Steps(request.certificate(), directory, progress);
        Login login = steps.call("preparing the account", () -> this.accounts.login(session, request.account(),
                (s) -> steps.report(AcmeProgress.Step.ACCOUNT, s)));
        Order order = placeOrder(session, login, request, steps);
        boolean ari = steps.call("reading the directory", () -> session.resourceUrlOptional(Resource.RENEWAL_INFO).isPresent());
        steps.report(AcmeProgress.Step.ORDER, "Ordered a certificate for " + request.domains() + " (" + order.getLocation() + ")"
                + request.replaced().filter((c) -> ari)
                    .map((c) -> ", naming serial " + c.getSerialNumber().toString(16) + " as the certificate it replaces (ARI)")
                    .orElse(""));
        for (Authorization authorization : steps.call("reading the authorizations", order::getAuthorizations)) {
            authorize(request.certificate(), authorization, steps);
        }
        // Finalize only once the CA says the order is ready: with several authorizations, or
        // a CA that updates the order after the last validation, it may not be yet.
        Status ready = steps.call("waiting for the order to be ready", () -> AcmePolling.await(order,
                EnumSet.of(Status.READY, Status.VALID, Status.INVALID)));
        if (ready == Status.INVALID) {
            throw new IssuanceException("The CA did not make the order for " + request.domains() + " ready: "
                    + order.getError().map(AcmeFailures::describe).orElse("it became invalid"), null, null, null);
        }
        KeyPair keyPair = request.keyType().generateKeyPair();
        Order finalized = order;
        steps.call("finalizing the order", () -> {
            finalized.execute(keyPair);
            return null;
        });
        Status status = steps.call("waiting for the certificate", () -> AcmePolling.await(finalized, EnumSet.of(Status.VALID, Status.INVALID)));
        if (status != Status.VALID) {
            throw new IssuanceException("The CA did not issue the certificate for " + request.domains() + ": "
                    + finalized.getError().map(AcmeFailures::describe).orElse("the order became " + status), null, null, null);
        }
        List<X509Certificate> chain = steps.call("downloading the certificate", () -> {
            var certificate = finalized.getCertificate();
            certificate.download();
            return certificate.getCertificateChain();
        });
        if (chain.isEmpty() || !chain.get(0).getPublicKey().equals(keyPair.getPublic())) {
            throw new IssuanceException("The CA returned a certificate that does not belong to the key the portal sent; "
                    + "it was not used.");
        }
        return new CertificateAndKey(chain, keyPair.getPrivate());
    }

    private Order placeOrder(Session session, Login login, IssueRequest request, Steps steps) {
        try {
            return steps.call("creating the order", () -> order(session, login, request));
        }
        catch (IssuanceException ex) {
            String type = ex.problemType().orElse("");
            if ("alreadyReplaced".equals(type) && request.replacing() != null) {
                // Another order already replaced that certificate (say, one whose result was
                // lost): order without naming it, as RFC 9773 expects.
                return placeOrder(session, login, request.withoutReplacing(), steps);
            }
            if ("accountDoesNotExist".equals(type)) {
                Login again = steps.call("registering the account again", () -> this.accounts.reregister(session,
                        request.account(), (s) -> steps.report(AcmeProgress.Step.ACCOUNT, "The CA no longer knew the stored account. " + s)));
                return steps.call("creating the order", () -> order(session, again, request));
            }
            throw ex;
        }
    }

    private Order order(Session session, Login login, IssueRequest request) throws AcmeException {
        OrderBuilder builder = login.newOrder().domains(request.domains());
        if (request.profile() != null && !request.profile().isBlank()) {
            if (!session.getMetadata().isProfileAllowed(request.profile())) {
                throw new IssuanceException("The CA does not offer the profile '" + request.profile()
                        + "' (portal.acme.profile); it offers " + (session.getMetadata().getProfiles().isEmpty() ? "none"
                                : session.getMetadata().getProfiles()) + ".");
            }
            builder.profile(request.profile());
        }
        boolean ari = session.resourceUrlOptional(Resource.RENEWAL_INFO).isPresent();
        if (ari && request.replacing() != null) {
            builder.replaces(request.replacing());
        }
        return builder.create();
    }

    private void authorize(String certificate, Authorization authorization, Steps steps) {
        steps.call("reading an authorization", authorization::fetch);
        String domain = authorization.getIdentifier().getDomain();
        if (authorization.getStatus() == Status.VALID) {
            steps.report(AcmeProgress.Step.VALIDATED, "The CA still holds a valid authorization for " + domain);
            return;
        }
        Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
            .orElseThrow(() -> new IssuanceException("The CA offers no HTTP-01 challenge for " + domain + " (it offers "
                    + authorization.getChallenges().stream().map((c) -> c.getType()).toList()
                    + "); the portal can only answer HTTP-01."));
        this.solver.present(certificate, domain, challenge.getToken(), challenge.getAuthorization());
        this.fetches.expect(challenge.getToken());
        try {
            steps.call("asking the CA to validate " + domain, () -> {
                challenge.trigger();
                return null;
            });
            steps.report(AcmeProgress.Step.CHALLENGE, "Answering the HTTP-01 challenge for " + domain + " at http://" + domain
                    + "/.well-known/acme-challenge/" + challenge.getToken());
            Status status = steps.call("waiting for the validation of " + domain, () -> AcmePolling.await(challenge,
                    EnumSet.of(Status.VALID, Status.INVALID), this.fetches.pausesFor(challenge.getToken())));
            if (status != Status.VALID) {
                throw new IssuanceException("The CA could not validate " + domain + ": "
                        + challenge.getError().map(AcmeFailures::describe).orElse("the challenge became " + status)
                        + ". Check that http://" + domain + "/.well-known/acme-challenge/ reaches an HTTP binding of "
                        + "this portal on port 80", challenge.getError().map((p) -> p.getType().toString()
                            .replace(AcmeFailures.ERROR_PREFIX, "")).orElse(null), null, null);
            }
            steps.report(AcmeProgress.Step.VALIDATED, "The CA validated " + domain);
        }
        finally {
            this.fetches.forget(challenge.getToken());
            this.solver.cleanUp(challenge.getToken());
        }
    }

    @Override
    public void prepare(AccountSettings account, Consumer<String> progress) {
        Session session = this.sessions.session(account.directory());
        step("preparing the account", account.directory(), () -> this.accounts.login(session, account, progress));
    }

    @Override
    public Optional<RenewalWindow> renewalWindow(AccountSettings account, X509Certificate certificate) {
        Session session = this.sessions.session(account.directory());
        return step("reading the renewal information", account.directory(), () -> {
            if (session.resourceUrlOptional(Resource.RENEWAL_INFO).isEmpty()) {
                return Optional.<RenewalWindow>empty();
            }
            Optional<Login> login = this.accounts.stored(session, account);
            if (login.isEmpty()) {
                return Optional.<RenewalWindow>empty();
            }
            RenewalInfo info = login.get().bindRenewalInfo(certificate);
            Optional<Instant> retryAfter = info.fetch();
            return Optional.of(window(info, retryAfter.orElse(null)));
        });
    }

    /**
     * The window of a fetched renewal information resource.
     * @param info the resource, fetched
     * @param retryAfter its Retry-After, or {@code null}
     * @return the window
     */
    static RenewalWindow window(RenewalInfo info, Instant retryAfter) {
        return new RenewalWindow(info.getSuggestedWindowStart(), info.getSuggestedWindowEnd(),
                info.getExplanation().map(Object::toString).orElse(null), retryAfter);
    }

    /**
     * Run one step against the CA, retrying it when the CA rejected the anti-replay nonce
     * more often than acme4j's own retries allow (Pebble rejects a share of them on
     * purpose, and Let's Encrypt occasionally does), and translating failures.
     */
    private <T> T step(String what, String directory, AcmeCall<T> call) {
        for (int attempt = 1;; attempt++) {
            try {
                return call.call();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IssuanceException("Interrupted while " + what + "; the portal is shutting down.");
            }
            catch (Exception ex) {
                IssuanceException failure = AcmeFailures.translate(what, directory, ex);
                if (attempt < 4 && failure.problemType().filter("badNonce"::equals).isPresent()) {
                    continue;
                }
                if (failure.getCause() instanceof org.shredzone.acme4j.exception.AcmeNetworkException) {
                    this.sessions.reset(directory);
                }
                throw failure;
            }
        }
    }

    @FunctionalInterface
    private interface AcmeCall<T> {

        T call() throws Exception;

    }

    /**
     * Reports the steps of one issuance.
     */
    private final class Steps {

        private final String certificate;

        private final String directory;

        private final Consumer<AcmeProgress> progress;

        Steps(String certificate, String directory, Consumer<AcmeProgress> progress) {
            this.certificate = certificate;
            this.directory = directory;
            this.progress = progress;
        }

        <T> T call(String what, AcmeCall<T> call) {
            return step(what, this.directory, call);
        }

        void report(AcmeProgress.Step step, String detail) {
            this.progress.accept(new AcmeProgress(this.certificate, step, detail, AcmeCertificateIssuer.this.clock.instant()));
        }

    }

}
