package io.portal.acme;

import java.util.ArrayList;
import java.util.List;

import io.portal.binding.Binding;

/**
 * What to check when obtaining a certificate failed, in plain words, from the CA's
 * problem type (RFC 8555 section 6.7) and what the portal knows about its bindings.
 */
final class AcmeFailureAdvice {

    private AcmeFailureAdvice() {
    }

    /**
     * Explain a failure.
     * @param problemType the CA's problem type without its prefix, or {@code null}
     * @param message the failure as recorded
     * @param domains the certificate's domains
     * @param directory the CA's directory URL
     * @param http the HTTP bindings that answer challenges
     * @return the explanations, most likely first; empty when there is nothing to add
     */
    static List<String> explain(String problemType, String message, List<String> domains, String directory,
            List<Binding> http) {
        List<String> advice = new ArrayList<>();
        String names = String.join(", ", domains);
        String bindings = http.isEmpty() ? "an HTTP binding (there is none: add one)"
                : String.join(" or ", http.stream().map((b) -> "binding '" + b.name() + "' (port " + b.port() + ")").toList());
        String type = (problemType != null) ? problemType : "";
        switch (type) {
            case "connection", "tls" -> {
                advice.add("The CA could not connect to port 80 of " + names + ". Most often port 80 is not reachable from the "
                        + "internet: open it in the firewall (and the cloud provider's security group or the router), and "
                        + "forward it to " + bindings + ".");
                advice.add("Check that the domains' DNS records (A for IPv4, AAAA for IPv6) point at this machine's public "
                        + "address; an AAAA record that points elsewhere is a common cause.");
            }
            case "dns" -> advice.add("The CA could not find " + names + " in DNS. Create an A record (IPv4) or AAAA record "
                    + "(IPv6) for each domain with this machine's public address, and wait until it has spread.");
            case "unauthorized", "incorrectResponse" -> {
                advice.add("The CA reached a server for " + names + ", but it did not answer with this portal's token: DNS "
                        + "points at another machine, or a proxy or load balancer in front of the portal does not pass "
                        + "/.well-known/acme-challenge/ on to it.");
                advice.add("Check the domains' A and AAAA records, and that port 80 reaches " + bindings + ".");
            }
            case "caa" -> advice.add("A CAA record in the DNS of " + names + " does not allow this CA to issue for it: add "
                    + "the CA (for Let's Encrypt: letsencrypt.org) to the CAA record, or remove the record.");
            case "rejectedIdentifier" -> advice.add("The CA does not issue certificates for " + names + ": public CAs only "
                    + "issue for public domain names, not for localhost, internal names or names on their block list.");
            case "rateLimited" -> advice.add("The CA's rate limit was reached. The portal waits as long as the CA asks "
                    + "before it tries again; try a staging CA meanwhile.");
            case "invalidContact", "unsupportedContact" -> advice.add("The CA refused the contact address: give another "
                    + "email address, or none.");
            case "externalAccountRequired" -> advice.add("The CA only creates accounts with an external account binding: "
                    + "set portal.acme.external-account.key-id and hmac-key (with portal.acme.directory set to this CA).");
            case "userActionRequired" -> advice.add("The CA asks for something to be done on its website first (often: "
                    + "accepting new terms of service); see its explanation above.");
            default -> {
                if (message != null && message.contains("cannot be reached")) {
                    advice.add("The portal cannot reach the CA at " + directory + ": check that this machine can make "
                            + "HTTPS requests to it (firewall, proxy), and the directory URL.");
                }
            }
        }
        return List.copyOf(advice);
    }

}
