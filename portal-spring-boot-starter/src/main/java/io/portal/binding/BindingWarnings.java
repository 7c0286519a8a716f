package io.portal.binding;

import java.util.List;

/**
 * Warnings about a set of bindings, in plain words, for previews of changes.
 */
@FunctionalInterface
public interface BindingWarnings {

    /**
     * The warnings that would apply if these were the bindings.
     * @param bindings the bindings
     * @return the warnings
     */
    List<String> warningsFor(List<Binding> bindings);

}
