package io.portal.acme;

import java.io.PrintStream;

import io.portal.binding.BindingProperties;
import io.portal.binding.BindingStore;
import io.portal.binding.ConfiguredBindings;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * {@code certificates renew NAME} while no portal runs: obtain the certificate now and store
 * it for the portal's next start, answering the CA's HTTP-01 challenges on the HTTP
 * bindings' ports for as long as it runs (where a port is taken, a portal sharing the
 * store answers from it).
 */
public final class ShellRenewal {

    private ShellRenewal() {
    }

    /**
     * Renew a certificate, printing each step.
     * @param context the portal's beans, without the web server
     * @param name the certificate's name
     * @param out where the steps and the outcome go
     * @param err where a failure goes
     * @return the exit code: 0 when renewed
     * @throws IllegalArgumentException if there is no ACME certificate of that name
     */
    public static int renew(ConfigurableApplicationContext context, String name, PrintStream out, PrintStream err) {
        AcmeCertificateService service = context.getBean(AcmeCertificateService.class);
        service.requireAcme(name);
        context.addApplicationListener((PayloadApplicationEvent<AcmeProgress> event) -> {
            AcmeProgress.Step step = event.getPayload().step();
            if (step != AcmeProgress.Step.ISSUED && step != AcmeProgress.Step.FAILED) {
                out.println("  " + step.name().toLowerCase(java.util.Locale.ROOT) + ": " + event.getPayload().detail());
            }
        });
        AcmeStore store = context.getBean(AcmeStore.class);
        try (ShellChallengeResponder responder = ShellChallengeResponder.start(
                ConfiguredBindings.withStored(context.getBean(BindingProperties.class), context.getBean(BindingStore.class)),
                store)) {
            out.println("Renewing certificate '" + name + "'; HTTP-01 challenges are answered " + (responder.listening().isEmpty()
                    ? "by a portal that shares this store" : "here on " + String.join(", ", responder.listening())) + ".");
            RenewalOutcome outcome = service.renewNow(name);
            (outcome.succeeded() ? out : err).println(outcome.message());
            if (outcome.result() == RenewalOutcome.Result.ISSUED) {
                out.println(responder.listening().isEmpty() ? "Running portals that share this store serve it within about "
                        + "2 s (PostgreSQL announces the change to them), and at the latest within "
                        + context.getBean(AcmeProperties.class).getPollInterval().toSeconds() + " s (portal.acme.poll-interval)."
                        : "The portal serves it when it starts.");
            }
            return outcome.succeeded() ? 0 : 1;
        }
    }

}
