package io.portal.acme;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.portal.binding.Binding;

import org.springframework.context.event.EventListener;

/**
 * Records the {@link AcmeProgress} steps of each certificate's current (or last) attempt,
 * in memory, so that pages and the API can show an order as it runs, and describes where
 * it stands together with the renewal bookkeeping in the store. An attempt starts with the
 * first step after the previous attempt ended (issued or failed). Thread-safe.
 */
class AcmeProgressLog {

    /**
     * The most steps kept per certificate; an order for many domains has two per domain.
     */
    private static final int MAX_STEPS = 250;

    private static final List<AcmeProgress.Step> STAGES = List.of(AcmeProgress.Step.ACCOUNT, AcmeProgress.Step.ORDER,
            AcmeProgress.Step.CHALLENGE, AcmeProgress.Step.VALIDATED, AcmeProgress.Step.ISSUED);

    private static final Set<AcmeProgress.Step> ENDS = EnumSet.of(AcmeProgress.Step.ISSUED, AcmeProgress.Step.FAILED);

    private final AcmeCertificateSettings settings;

    private final AcmeCertificateService service;

    private final Supplier<List<Binding>> bindings;

    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();

    private final Function<String, Optional<String>> served;

    /**
     * Progress of the certificates.
     * @param settings the ACME certificates
     * @param service the renewal service, for the bookkeeping
     * @param served the fingerprint of the certificate a bundle serves now
     * @param bindings the bindings, for the advice after a failure
     */
    AcmeProgressLog(AcmeCertificateSettings settings, AcmeCertificateService service,
            Function<String, Optional<String>> served, Supplier<List<Binding>> bindings) {
        this.settings = settings;
        this.service = service;
        this.served = served;
        this.bindings = bindings;
    }

    @EventListener
    void record(AcmeProgress progress) {
        this.attempts.compute(progress.certificate(), (name, attempt) -> {
            boolean fresh = attempt == null || ends(attempt.steps());
            List<AcmeProgress> updated = fresh ? new ArrayList<>() : new ArrayList<>(attempt.steps());
            if (updated.size() < MAX_STEPS || ENDS.contains(progress.step())) {
                updated.add(progress);
            }
            return new Attempt(List.copyOf(updated), fresh ? this.served.apply(name).orElse(null) : attempt.servedAtStart());
        });
    }

    void forget(String name) {
        this.attempts.remove(name);
    }

    /**
     * Where obtaining a certificate stands.
     * @param name the certificate's name, of an ACME certificate
     * @return its progress
     */
    AcmeOrderProgress progress(String name) {
        Attempt attempt = this.attempts.get(name);
        List<AcmeProgress> steps = (attempt != null) ? attempt.steps() : List.of();
        RenewalRecord record = this.service.record(name);
        boolean temporary = this.service.status(name).map((s) -> s.temporary()).orElse(false);
        // What is served decides before the bookkeeping: once an attempt's certificate is
        // served, it is issued, even before the attempt has recorded so.
        boolean swapped = attempt != null && !Objects.equals(attempt.servedAtStart(), this.served.apply(name).orElse(null));
        AcmeOrderProgress.State state;
        if (!steps.isEmpty() && !ends(steps) && !swapped) {
            state = AcmeOrderProgress.State.RUNNING;
        }
        else if (!steps.isEmpty() && (swapped || steps.get(steps.size() - 1).step() == AcmeProgress.Step.ISSUED)
                && !temporary) {
            state = AcmeOrderProgress.State.ISSUED;
        }
        else if (!steps.isEmpty() && steps.get(steps.size() - 1).step() == AcmeProgress.Step.FAILED) {
            state = AcmeOrderProgress.State.FAILED;
        }
        else if (record.failing()) {
            state = AcmeOrderProgress.State.FAILED;
        }
        else {
            state = temporary ? AcmeOrderProgress.State.WAITING : AcmeOrderProgress.State.ISSUED;
        }
        List<String> domains = this.settings.domains(name);
        String directory = this.settings.account(name).directory();
        List<Binding> http = this.bindings.get().stream().filter((b) -> !b.isHttps()).toList();
        List<String> advice = (state == AcmeOrderProgress.State.FAILED)
                ? AcmeFailureAdvice.explain(record.lastProblemType(), record.lastError(), domains, directory, http) : List.of();
        return new AcmeOrderProgress(name, domains, directory, state, stages(steps, state),
                steps.stream().map((p) -> new AcmeOrderProgress.Step(id(p.step()), p.detail(), p.at())).toList(),
                record.failing() ? record.lastError() : null, record.failing() ? record.lastProblemType() : null, advice,
                seconds(record.nextAttemptAt()), seconds(record.lastSuccessAt()), temporary);
    }

    /**
     * The stages: those up to the last one reached are done (a domain the CA had already
     * validated skips the challenge), the next one is running or failed, the rest pending.
     */
    private static List<AcmeOrderProgress.Stage> stages(List<AcmeProgress> steps, AcmeOrderProgress.State state) {
        int reached = -1;
        for (AcmeProgress step : steps) {
            int index = STAGES.indexOf(step.step());
            if (index >= 0) {
                reached = index;
            }
        }
        if (state == AcmeOrderProgress.State.ISSUED) {
            reached = STAGES.size() - 1;
        }
        List<AcmeOrderProgress.Stage> stages = new ArrayList<>();
        for (int i = 0; i < STAGES.size(); i++) {
            AcmeProgress.Step stage = STAGES.get(i);
            String detail = null;
            for (AcmeProgress step : steps) {
                if (step.step() == stage) {
                    detail = step.detail();
                }
            }
            String status = "pending";
            if (i <= reached) {
                status = "done";
            }
            else if (i == reached + 1 && state == AcmeOrderProgress.State.RUNNING) {
                status = "running";
            }
            else if (i == reached + 1 && state == AcmeOrderProgress.State.FAILED && !steps.isEmpty()) {
                status = "failed";
            }
            stages.add(new AcmeOrderProgress.Stage(id(stage), label(stage), status, detail));
        }
        return List.copyOf(stages);
    }

    /**
     * The steps of one attempt, and the fingerprint of the certificate served when it
     * started.
     */
    private record Attempt(List<AcmeProgress> steps, String servedAtStart) {
    }

    private static Instant seconds(Instant instant) {
        return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS) : null;
    }

    private static boolean ends(List<AcmeProgress> steps) {
        return !steps.isEmpty() && ENDS.contains(steps.get(steps.size() - 1).step());
    }

    private static String id(AcmeProgress.Step step) {
        return step.name().toLowerCase(Locale.ROOT);
    }

    private static String label(AcmeProgress.Step step) {
        switch (step) {
            case ACCOUNT:
                return "Account at the CA";
            case ORDER:
                return "Order";
            case CHALLENGE:
                return "HTTP-01 challenge";
            case VALIDATED:
                return "Domains validated";
            case ISSUED:
                return "Certificate issued and served";
            default:
                return step.name();
        }
    }

}
