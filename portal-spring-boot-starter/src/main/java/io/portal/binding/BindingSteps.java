package io.portal.binding;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Describes the steps of a binding change in the words an operator uses.
 */
public class BindingSteps {

    private final Function<String, String> certificateDescription;

    /**
     * @param certificateDescription describes an SSL bundle's certificate, such as
     * {@code CN=portal.example.com, expires 2027-01-01}
     */
    public BindingSteps(Function<String, String> certificateDescription) {
        this.certificateDescription = certificateDescription;
    }

    public BindingPlan.Step open(Binding binding) {
        String description = "Open port " + binding.port() + " (" + binding.scheme().id() + ", " + where(binding) + ")"
                + (binding.isHttps() ? " with certificate '" + binding.sslBundle() + "' ("
                        + this.certificateDescription.apply(binding.sslBundle()) + ")" : "")
                + "; " + binding.localUrl() + " starts answering";
        return new BindingPlan.Step("open", binding.name(), description);
    }

    public BindingPlan.Step close(Binding binding) {
        return new BindingPlan.Step("close", binding.name(), "Close port " + binding.port() + " (" + binding.scheme().id() + ", "
                + where(binding) + "); " + binding.localUrl() + " stops answering and its open connections are closed");
    }

    public List<BindingPlan.Step> change(Binding current, Binding updated) {
        List<BindingPlan.Step> steps = new ArrayList<>();
        if (!BindingService.sameListener(current, updated)) {
            boolean portReused = current.port() == updated.port();
            if (portReused) {
                steps.add(close(current));
                steps.add(open(updated));
            }
            else {
                steps.add(open(updated));
                steps.add(close(current));
            }
            return steps;
        }
        if (!Objects.equals(current.sslBundle(), updated.sslBundle())) {
            steps.add(new BindingPlan.Step("swap-certificate", updated.name(), "Swap the certificate of binding '" + updated.name()
                    + "' from '" + current.sslBundle() + "' to '" + updated.sslBundle() + "' ("
                    + this.certificateDescription.apply(updated.sslBundle()) + "); open connections are kept"));
        }
        if (!current.sni().equals(updated.sni())) {
            steps.add(new BindingPlan.Step("swap-certificate", updated.name(), "Set the certificates for host names on binding '"
                    + updated.name() + "' to " + (updated.sni().isEmpty() ? "none" : updated.sni()) + "; open connections are kept"));
        }
        if (!java.util.Objects.equals(current.redirectTo(), updated.redirectTo())) {
            steps.add(new BindingPlan.Step("redirect", updated.name(), "Redirect binding '" + updated.name() + "' to "
                    + ((updated.redirectTo() != null) ? "binding '" + updated.redirectTo() + "'" : "the HTTPS binding on its address")
                    + " when HTTPS is forced"));
        }
        if (!current.protocols().equals(updated.protocols()) || !current.ciphers().equals(updated.ciphers())) {
            steps.add(new BindingPlan.Step("reconfigure-tls", updated.name(), "Set TLS protocols of binding '" + updated.name() + "' to "
                    + (updated.protocols().isEmpty() ? "the defaults" : updated.protocols()) + " and cipher suites to "
                    + (updated.ciphers().isEmpty() ? "the defaults" : updated.ciphers()) + "; new handshakes use them"));
        }
        return steps;
    }

    private static String where(Binding binding) {
        return binding.isWildcard() ? "all interfaces" : binding.address();
    }

}
