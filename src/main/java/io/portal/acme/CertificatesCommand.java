package io.portal.acme;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import io.portal.binding.BindingProperties;
import io.portal.binding.ConfiguredBindings;
import io.portal.certificate.CertificateProblemException;
import io.portal.cli.PortalCli;
import io.portal.store.MasterKeyException;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.context.PayloadApplicationEvent;

/**
 * {@code java -jar portal.jar certificates renew NAME [--option=value ...]}: obtains a new
 * ACME certificate now and stores it, where a running portal picks it up within its poll
 * interval. With the embedded H2 database held by a running portal, the request is handed
 * to that portal instead, which renews and reports back.
 */
public final class CertificatesCommand implements PortalCli.Command {

    /**
     * How long the shell waits for a running portal to renew a handed-over certificate.
     */
    static final Duration HANDOVER_TIMEOUT = Duration.ofMinutes(10);

    @Override
    public String summary() {
        return "renew NAME: obtain a new ACME certificate now";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || !"renew".equals(args[0]) || args[1].startsWith("-")) {
            err.println("Usage: java -jar portal.jar certificates renew NAME [--option=value ...]");
            return 2;
        }
        String name = args[1];
        String[] springArgs = Arrays.copyOfRange(args, 2, args.length);
        try {
            Environment environment = environment(springArgs);
            if (!heldByRunningPortal(environment)) {
                try (ConfigurableApplicationContext context = PortalCli.openContext(springArgs)) {
                    return renewHere(context, name, out, err);
                }
                catch (RuntimeException ex) {
                    if (!heldByRunningPortal(ex)) {
                        throw ex;
                    }
                }
            }
            return handOver(Path.of(environment.getProperty("portal.data-dir", "data")), name, out, err);
        }
        catch (IllegalArgumentException ex) {
            err.println(ex.getMessage());
            return 2;
        }
        catch (RuntimeException ex) {
            err.println("Renewing certificate '" + name + "' failed: " + describe(ex));
            return 1;
        }
    }

    /**
     * The portal's own explanation of a failure (the message and action its startup
     * failure analysis would show) rather than the chain of bean creation messages.
     */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AcmeConfigurationException acme) {
                return acme.getMessage() + " " + acme.getAction();
            }
            if (t instanceof CertificateProblemException certificate) {
                return certificate.getMessage() + " " + certificate.getAction();
            }
            if (t instanceof MasterKeyException masterKey) {
                return masterKey.getMessage() + " " + masterKey.getAction();
            }
            if (t.getCause() == null) {
                return t.getMessage();
            }
        }
        return String.valueOf(failure.getMessage());
    }

    private int renewHere(ConfigurableApplicationContext context, String name, PrintStream out, PrintStream err) {
        AcmeCertificateService service = context.getBean(AcmeCertificateService.class);
        service.requireAcme(name);
        context.addApplicationListener((PayloadApplicationEvent<AcmeProgress> event) -> {
            AcmeProgress.Step step = event.getPayload().step();
            if (step != AcmeProgress.Step.ISSUED && step != AcmeProgress.Step.FAILED) {
                out.println("  " + step.name().toLowerCase() + ": " + event.getPayload().detail());
            }
        });
        AcmeStore store = context.getBean(AcmeStore.class);
        try (ShellChallengeResponder responder = ShellChallengeResponder.start(
                ConfiguredBindings.from(context.getBean(BindingProperties.class)), store)) {
            out.println("Renewing certificate '" + name + "'; HTTP-01 challenges are answered "
                    + (responder.listening().isEmpty() ? "by the running portal" : "here on " + String.join(", ", responder.listening())) + ".");
            RenewalOutcome outcome = service.renewNow(name);
            (outcome.succeeded() ? out : err).println(outcome.message());
            if (outcome.result() == RenewalOutcome.Result.ISSUED && responder.listening().isEmpty()) {
                out.println("A running portal that shares this store serves it within "
                        + context.getBean(AcmeProperties.class).getPollInterval().toSeconds() + " s (portal.acme.poll-interval).");
            }
            return outcome.succeeded() ? 0 : 1;
        }
    }

    private int handOver(Path dataDir, String name, PrintStream out, PrintStream err) {
        RenewRequests requests = new RenewRequests(dataDir);
        requests.submit(name);
        out.println("The portal is running and holds the embedded database in " + dataDir.toAbsolutePath().normalize()
                + "; it renews certificate '" + name + "' now.");
        try {
            Optional<String> result = requests.awaitResult(name, HANDOVER_TIMEOUT);
            if (result.isEmpty()) {
                err.println("The running portal did not answer within " + HANDOVER_TIMEOUT.toMinutes()
                        + " minutes; see its log. The request stays in " + requests.directory() + ".");
                return 1;
            }
            String[] lines = result.get().split("\n", 2);
            boolean ok = "ok".equals(lines[0]);
            (ok ? out : err).println((lines.length > 1) ? lines[1] : lines[0]);
            return ok ? 0 : 1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * The configuration alone (application.yml, environment, arguments, the portal's
     * defaults), from a context without beans.
     */
    private static Environment environment(String[] springArgs) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EnvironmentOnly.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .properties("logging.level.root=WARN")
            .run(springArgs)) {
            return context.getEnvironment();
        }
    }

    /**
     * Whether the store is an embedded H2 database that another process (the running
     * portal) holds open.
     */
    private static boolean heldByRunningPortal(Environment environment) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:h2:file:")) {
            return false;
        }
        try (Connection connection = DriverManager.getConnection(url, environment.getProperty("spring.datasource.username", ""),
                environment.getProperty("spring.datasource.password", ""))) {
            return false;
        }
        catch (SQLException ex) {
            return heldByRunningPortal((Throwable) ex);
        }
    }

    /**
     * Whether opening the store failed because another process holds the embedded H2
     * database (H2 error 90020, "Database may be already in use").
     */
    static boolean heldByRunningPortal(Throwable failure) {
        // H2 reports a file locked by another process as 90020 DATABASE_ALREADY_OPEN.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    /**
     * The source of a context that only reads configuration.
     */
    static final class EnvironmentOnly {

    }

}
