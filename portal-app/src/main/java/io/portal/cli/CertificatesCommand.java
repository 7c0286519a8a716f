package io.portal.cli;

import java.util.List;

import io.portal.acme.ShellRenewal;
import io.portal.equivalent.ApiCall;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar portal.jar certificates renew NAME}: obtain a new ACME certificate now.
 * A running portal renews it itself, through its admin API, and serves it at once; while
 * none runs, the command obtains it and stores it for the next start.
 */
final class CertificatesCommand implements PortalCli.Command {

    static final String USAGE = "Usage: java -jar portal.jar certificates renew NAME [--url=https://host:port] "
            + "[--portal.data-dir=...]";

    @Override
    public String summary() {
        return "renew NAME: obtain a new ACME certificate now";
    }

    @Override
    public int run(String[] args, PortalCli.Shell shell) {
        ShellArguments arguments = ShellArguments.parse(args, USAGE);
        arguments.allowOptions(List.of(), USAGE);
        if (arguments.words().size() != 2 || !"renew".equals(arguments.words().get(0))) {
            throw new ShellException(2, arguments.words().isEmpty() || "renew".equals(arguments.words().get(0)) ? USAGE
                    : "Unknown subcommand '" + arguments.words().get(0) + "'. " + USAGE);
        }
        String name = arguments.words().get(1);
        PortalLocator.Located portal = shell.locator().locate(arguments.url(), arguments.springArgs());
        if (portal instanceof PortalLocator.Running running) {
            shell.out().println("Renewing certificate '" + name + "' on " + running.description() + "; waiting for the CA.");
            JsonNode answer;
            try {
                answer = running.client().send("POST", ApiCall.path("api", "certificates", name, "renew"), null, null);
            }
            catch (AdminClient.Problem ex) {
                throw new ShellException((ex.status() == 404 || ex.status() == 400) ? 2 : 1, ex.line());
            }
            shell.out().println(answer.at("/outcome/message").asString());
            return 0;
        }
        try (ConfigurableApplicationContext context = PortalCli.openContext(((PortalLocator.Stopped) portal).springArgs())) {
            return ShellRenewal.renew(context, name, shell.out(), shell.err());
        }
        catch (IllegalArgumentException ex) {
            throw new ShellException(2, ex.getMessage());
        }
    }

}
