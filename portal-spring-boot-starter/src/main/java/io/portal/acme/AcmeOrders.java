package io.portal.acme;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.portal.audit.AuditLog;
import io.portal.store.ChangeTransaction;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;

/**
 * What the admin API and the pages do with ACME certificates: request one at runtime
 * (with a dry run that only plans it), follow its order, and renew one now. Every change
 * is recorded in the audit log, without secrets, in the transaction that stores it: the
 * change and its audit entry are stored together or not at all.
 */
public class AcmeOrders {

    private final AcmeCertificateSettings settings;

    private final AcmeRequests requests;

    private final RuntimeAcmeCertificates runtime;

    private final AcmeProgressLog progress;

    private final AcmeCertificateService service;

    private final AcmeBundles bundles;

    private final ObjectProvider<CertificateMaintenance> maintenance;

    private final AuditLog audit;

    private final JsonMapper json;

    private final ChangeTransaction changes;

    AcmeOrders(AcmeCertificateSettings settings, AcmeRequests requests, RuntimeAcmeCertificates runtime,
            AcmeProgressLog progress, AcmeCertificateService service, AcmeBundles bundles,
            ObjectProvider<CertificateMaintenance> maintenance, AuditLog audit, JsonMapper json, ChangeTransaction changes) {
        this.json = json;
        this.changes = changes;
        this.settings = settings;
        this.requests = requests;
        this.runtime = runtime;
        this.progress = progress;
        this.service = service;
        this.bundles = bundles;
        this.maintenance = maintenance;
        this.audit = audit;
    }

    /**
     * The CA certificates are requested from when a request names none.
     * @return the directory URL of {@code portal.acme.directory}
     */
    public String configuredDirectory() {
        return this.settings.configuredAccount().directory();
    }

    /**
     * What a CA's directory says about it, such as where its terms of service are.
     * @param directory letsencrypt, letsencrypt-staging, a URL, or blank for the configured
     * @return the description
     * @throws AcmeRequestException if the directory cannot be read
     */
    public AcmeDirectory describe(String directory) {
        return describe(directory, null);
    }

    /**
     * What a CA's directory says about it, trusting the given roots for this CA (a
     * private CA whose roots the operator pasted or uploaded), checking the URL first:
     * https, or plain http to this machine only.
     * @param directory letsencrypt, letsencrypt-staging, a URL, or blank for the configured
     * @param caCertificates PEM roots for this CA, or {@code null}
     * @return the description
     * @throws AcmeRequestException if the URL is not allowed or the directory cannot be read
     */
    public AcmeDirectory describe(String directory, String caCertificates) {
        return this.requests.describe(this.requests.checkDirectory(directory), AcmeTrust.pemText(caCertificates));
    }

    /**
     * Check a request and plan it, without changing anything (the dry run).
     * @param request the request
     * @param apiBase the API's base URL, for the script
     * @return the plan
     * @throws AcmeRequestException if it cannot be carried out
     */
    public AcmePlan plan(AcmeCertificateRequest request, String apiBase) {
        return this.requests.plan(request, apiBase);
    }

    /**
     * Request a certificate: it is served at once under its name with a temporary
     * certificate, and obtained from the CA in the background.
     * @param request the request
     * @param actor who requests it
     * @param apiBase the API's base URL, for the script
     * @return the plan being carried out
     * @throws AcmeRequestException if it cannot be carried out; nothing has changed then
     * @throws io.portal.store.ChangeNotStoredException if the request or its audit entry
     * cannot be stored; nothing has changed then
     */
    public AcmePlan request(AcmeCertificateRequest request, String actor, String apiBase) {
        // Planned first: it reads the CA's directory, which no transaction should wait for.
        AcmePlan planned = this.requests.plan(request, apiBase);
        return this.changes.run(() -> {
            AcmePlan plan = this.runtime.request(planned, request, actor);
            Map<String, Object> requested = new LinkedHashMap<>();
            requested.put("domains", plan.domains());
            requested.put("directory", plan.directory().url());
            if (plan.email() != null) {
                requested.put("email", plan.email());
            }
            requested.put("termsOfService", plan.directory().termsOfService());
            this.audit.record(actor, "certificate.acme.request", "certificate:" + plan.name(), null,
                    this.json.writeValueAsString(requested));
            return plan;
        });
    }

    /**
     * The names of the ACME certificates, configured and requested at runtime.
     * @return the names
     */
    public List<String> names() {
        return this.settings.names();
    }

    public boolean isAcme(String name) {
        return this.settings.isAcme(name);
    }

    /**
     * Where obtaining a certificate stands.
     * @param name the certificate's name
     * @return its progress, or empty if it is no ACME certificate
     */
    public Optional<AcmeOrderProgress> progress(String name) {
        return this.settings.isAcme(name) ? Optional.of(this.progress.progress(name)) : Optional.empty();
    }

    /**
     * Plan renewing a certificate now, without doing it.
     * @param name the name of an ACME certificate
     * @param apiBase the API's base URL, for the script
     * @return the plan
     * @throws IllegalArgumentException if there is no ACME certificate of that name
     */
    public AcmePlan renewalPlan(String name, String apiBase) {
        this.service.requireAcme(name);
        return this.requests.renewalPlan(name, apiBase);
    }

    /**
     * Renew a certificate now, whatever the schedule says, and wait for the outcome.
     * @param name the name of an ACME certificate
     * @param actor who asks
     * @return how it ended
     * @throws IllegalArgumentException if there is no ACME certificate of that name
     */
    public RenewalOutcome renewNow(String name, String actor) {
        String before = served(name);
        RenewalOutcome outcome = this.service.renewNow(name, (ended) -> {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("result", ended.result().name().toLowerCase(Locale.ROOT));
            after.put("served", servedState(name));
            this.audit.record(actor, "certificate.renew", "certificate:" + name, before, this.json.writeValueAsString(after));
        });
        if (outcome.result() == RenewalOutcome.Result.FAILED) {
            CertificateMaintenance maintenance = this.maintenance.getIfAvailable();
            if (maintenance != null) {
                maintenance.checkAt(name, outcome.nextAttemptAt());
            }
        }
        return outcome;
    }

    /**
     * Renew a certificate on the scheduler, now; follow it with {@link #progress}.
     * @param name the name of an ACME certificate
     * @param actor who asks
     * @throws IllegalArgumentException if there is no ACME certificate of that name
     */
    public void renewSoon(String name, String actor) {
        this.service.requireAcme(name);
        this.changes.run(() -> {
            this.audit.record(actor, "certificate.renew", "certificate:" + name, served(name),
                    this.json.writeValueAsString(Map.of("result", "started in the background")));
            ChangeTransaction.onCommit(() -> this.maintenance.getObject().renewSoon(name));
        });
    }

    private String served(String name) {
        Map<String, Object> served = servedState(name);
        return (served != null) ? this.json.writeValueAsString(served) : null;
    }

    private Map<String, Object> servedState(String name) {
        return this.bundles.served(name)
            .map((s) -> {
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("sha256", s.fingerprint());
                state.put("temporary", s.temporary());
                return state;
            })
            .orElse(null);
    }

}
