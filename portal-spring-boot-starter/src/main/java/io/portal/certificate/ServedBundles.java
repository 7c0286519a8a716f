package io.portal.certificate;

import java.util.List;

/**
 * What the HTTPS listeners serve, as far as certificates care: which bindings use a
 * bundle, and whether any HTTPS listener serves at all. Implemented where the listeners
 * are; absent where there are none (the shell).
 */
public interface ServedBundles {

    /**
     * The running HTTPS bindings that serve a bundle, as default certificate or for an
     * SNI host name.
     * @param bundle the bundle's name
     * @return the bindings' names, sorted; empty if none serves it
     */
    List<String> servedBy(String bundle);

    /**
     * The HTTPS bindings that should listen but do not, with the reason; when every HTTPS
     * binding is among them the portal cannot serve HTTPS at all.
     * @return one line per binding that does not listen
     */
    List<String> failedHttpsBindings();

    /**
     * Whether there are HTTPS bindings and none of them listens.
     * @return whether the portal cannot serve HTTPS at all
     */
    boolean noHttpsListener();

}
