package io.portal.script;

import java.util.List;

/**
 * What "Show script" shows for a change.
 *
 * @param bash a whole script that makes the same change, run as it is with {@code bash}
 * @param curl its API calls, one command each (they read {@code PORTAL_URL},
 * {@code PORTAL_TOKEN} and {@code PORTAL_CACERT})
 * @param yaml configuration for {@code application.yml} that declares the resulting state,
 * or {@code null} where the change has no such equivalent
 */
public record Script(String bash, List<String> curl, String yaml) {

    public Script {
        curl = List.copyOf(curl);
    }

}
