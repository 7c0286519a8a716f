package io.portal.script;

import io.portal.equivalent.ShellQuoting;
import io.portal.equivalent.ApiCall;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole {@code bash} script that replays API calls: it stops at the first error
 * ({@code set -euo pipefail}), talks to {@code PORTAL_URL} (by default the portal that
 * showed it), authenticates with {@code PORTAL_TOKEN} (and says how to create one), and
 * trusts the portal's certificate chain, which it fetches from the public
 * {@code /certificates/{bundle}.pem} endpoint unless {@code PORTAL_CACERT} names a file
 * already.
 */
public final class ReplayScript {

    private ReplayScript() {
    }

    /**
     * The script.
     * @param summary what it does, in one sentence
     * @param target the portal that shows it
     * @param commands the commands, from {@link ApiCall#curl()}
     * @param inputs values it needs from the operator
     * @return the script text
     */
    public static String bash(String summary, ScriptTarget target, List<String> commands, List<ScriptInput> inputs) {
        List<String> lines = new ArrayList<>();
        lines.add("#!/usr/bin/env bash");
        lines.add("# " + comment(summary) + ".");
        lines.add("# Runs against the portal at " + comment(target.url()) + ", or another one: PORTAL_URL=https://host:port bash script.sh");
        lines.add("# PORTAL_TOKEN must hold an API token of that portal. Create one (it is shown once, as \"token\") with:");
        lines.add("#   curl --cacert portal.pem -u admin -H 'Content-Type: application/json' -d '{\"name\":\"scripts\"}' "
                + comment(target.url()) + "/api/tokens");
        for (ScriptInput input : inputs) {
            lines.add("# " + input.variable() + ": " + comment(input.description())
                    + ((input.defaultValue() != null) ? " (default: " + comment(input.defaultValue()) + ")" : ""));
        }
        lines.add("set -euo pipefail");
        lines.add("PORTAL_URL=${PORTAL_URL:-" + ShellQuoting.quote(target.url()) + "}");
        lines.add("PORTAL_URL=${PORTAL_URL%/}");
        lines.add(": \"${PORTAL_TOKEN:?Set PORTAL_TOKEN to an API token of the portal; the top of this script says how to create one}\"");
        for (ScriptInput input : inputs) {
            String variable = input.variable();
            if (input.defaultValue() != null) {
                lines.add(variable + "=${" + variable + ":-" + ShellQuoting.quote(input.defaultValue()) + "}");
                lines.add("[ -r \"$" + variable + "\" ] || { echo " + ShellQuoting.quote("Cannot read the file in " + variable
                        + "; set " + variable + " to " + input.description() + ".") + " >&2; exit 1; }");
            }
            else {
                lines.add("[ -n \"${" + variable + ":-}\" ] || { echo " + ShellQuoting.quote("Set " + variable + " to "
                        + input.description() + ".") + " >&2; exit 1; }");
            }
        }
        if (target.bundle() != null) {
            lines.add("# The certificate chain is public: it is fetched without a credential, then trusted for the calls");
            lines.add("# below. To check it first, compare its SHA-256 fingerprint with the one on the portal's pages,");
            lines.add("# or set PORTAL_CACERT to a PEM file you trust.");
            lines.add("if [ -z \"${PORTAL_CACERT:-}\" ] && [ \"${PORTAL_URL#https://}\" != \"$PORTAL_URL\" ]; then");
            lines.add("  PORTAL_CACERT=$(mktemp)");
            lines.add("  trap 'rm -f \"$PORTAL_CACERT\"' EXIT");
            lines.add("  curl --fail --silent --show-error --insecure --output \"$PORTAL_CACERT\" \"$PORTAL_URL\""
                    + ShellQuoting.quote(ApiCall.path("certificates", target.bundle() + ".pem")));
            lines.add("fi");
        }
        lines.addAll(commands);
        return String.join("\n", lines) + "\n";
    }

    /**
     * Text for a comment line: control characters (a newline would end the comment) become
     * spaces.
     */
    private static String comment(String text) {
        return text.replaceAll("\\p{Cntrl}", " ");
    }

}
