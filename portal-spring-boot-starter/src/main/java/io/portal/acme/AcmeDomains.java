package io.portal.acme;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Domain names and contact addresses as the CA takes them, and what keeps a domain from
 * being validated with the HTTP-01 challenge the portal answers.
 */
final class AcmeDomains {

    private static final Pattern DNS_NAME = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|.*:.*");

    private AcmeDomains() {
    }

    /**
     * Domain names as the CA sees them: trimmed, lower case, without blanks and repeats.
     * @param domains the domains as given
     * @return the normalized domains, in the order given
     */
    static List<String> normalize(Collection<String> domains) {
        return domains.stream()
            .filter(Objects::nonNull)
            .map((domain) -> domain.trim().toLowerCase(Locale.ROOT))
            .filter((domain) -> !domain.isEmpty())
            .distinct()
            .toList();
    }

    /**
     * What keeps domains from being validated with HTTP-01, in plain words.
     * @param domains normalized domains
     * @return one phrase per problem; empty if there is none
     */
    static List<String> problems(List<String> domains) {
        List<String> problems = new ArrayList<>();
        for (String domain : domains) {
            if (domain.startsWith("*.")) {
                problems.add("'" + domain + "' is a wildcard, which CAs only validate with DNS-01 challenges, and the portal answers HTTP-01");
            }
            else if (IP_ADDRESS.matcher(domain).matches()) {
                problems.add("'" + domain + "' is an IP address; public CAs issue for domain names");
            }
            else if (!DNS_NAME.matcher(domain).matches() || domain.length() > 253) {
                problems.add("'" + domain + "' is not a domain name");
            }
        }
        return problems;
    }

    static boolean isEmailAddress(String email) {
        return email.trim().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    }

}
