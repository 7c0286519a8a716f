package io.portal.binding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the state store holds for bindings that the configuration no longer matches, and
 * that the portal therefore leaves unused: an override of a binding no longer declared,
 * and a binding added at runtime under a name the configuration now declares. The
 * warnings the startup log, the admin API and the dashboard show, read from the store at
 * each call.
 */
public class StoredBindingWarnings {

    /**
     * A stored override of a binding that is not declared any more.
     */
    public static final String OVERRIDE_UNUSED = "binding-override-unused";

    /**
     * A runtime binding whose name the configuration now declares.
     */
    public static final String NAME_TAKEN = "binding-name-taken";

    private final BindingProperties properties;

    private final BindingStore store;

    public StoredBindingWarnings(BindingProperties properties, BindingStore store) {
        this.properties = properties;
        this.store = store;
    }

    /**
     * A warning, in plain words.
     *
     * @param code what kind, such as {@link #OVERRIDE_UNUSED}
     * @param binding the binding's name
     * @param message what is wrong
     * @param fix what to do
     */
    public record Warning(String code, String binding, String message, String fix) {
    }

    /**
     * The warnings that apply now.
     * @return the warnings, sorted by binding; empty when the store matches the
     * configuration
     */
    public List<Warning> current() {
        Map<String, BindingValues> declared = ConfiguredBindings.declared(this.properties);
        List<Warning> warnings = new ArrayList<>();
        for (String name : this.store.findOverrides().keySet()) {
            if (!declared.containsKey(name)) {
                warnings.add(new Warning(OVERRIDE_UNUSED, name, "The stored override of binding '" + name + "' is not used: "
                        + "no binding of that name is configured any more.",
                        "Declare portal.bindings." + name + " again if it was renamed by mistake; otherwise drop the "
                                + "override: DELETE /api/bindings/" + name + "/override."));
            }
        }
        for (BindingStore.Stored stored : this.store.findAllStored()) {
            String name = stored.binding().name();
            if (declared.containsKey(name)) {
                warnings.add(new Warning(NAME_TAKEN, name, "Binding '" + name + "', added at runtime, is not used: the "
                        + "configuration now declares a binding of the same name (portal.bindings." + name + "), which "
                        + "takes its place.", "Rename portal.bindings." + name + " in the configuration and restart to "
                                + "use the runtime binding again, or keep the configured one."));
            }
        }
        warnings.sort(Comparator.comparing(Warning::binding));
        return warnings;
    }

}
