package io.portal.binding;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host names a binding (SNI) or a certificate it generates may name: DNS names, with
 * international names in their ASCII form ({@code bücher.example} is
 * {@code xn--bcher-kva.example}, which is what clients send), optionally a wildcard as the
 * first label, or IP addresses.
 */
public final class HostNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private HostNames() {
    }

    /**
     * A host name or IP address in the form to store and compare: lower case, ASCII.
     * @param name the name as given
     * @param wildcard whether {@code *.} may start it
     * @return the normal form, or empty if it is neither a valid DNS name nor an IP address
     */
    public static Optional<String> normalize(String name, boolean wildcard) {
        if (name == null || name.isEmpty() || name.length() > 253 * 4) {
            return Optional.empty();
        }
        if (IPV4.matcher(name).matches()) {
            return Optional.of(name);
        }
        if (name.indexOf(':') >= 0) {
            return ipv6(name);
        }
        String rest = name;
        String prefix = "";
        if (wildcard && name.startsWith("*.")) {
            rest = name.substring(2);
            prefix = "*.";
        }
        String ascii;
        try {
            ascii = IDN.toASCII(rest, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.length() > 253 - prefix.length()) {
            return Optional.empty();
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            // Not a top-level domain, and not an IPv4 address either (checked above).
            return Optional.empty();
        }
        return Optional.of(prefix + ascii);
    }

    private static Optional<String> ipv6(String name) {
        String literal = (name.startsWith("[") && name.endsWith("]")) ? name.substring(1, name.length() - 1) : name;
        if (!literal.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        try {
            // A literal with ':' is parsed, never looked up.
            return Optional.of(InetAddress.getByName(literal).getHostAddress());
        }
        catch (UnknownHostException ex) {
            return Optional.empty();
        }
    }

}
