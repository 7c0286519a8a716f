package io.portal.binding;

import java.util.List;

/**
 * What a binding change will do, before it is done: the ordered steps, the warnings that
 * apply to the state it leads to, and the equivalent script.
 *
 * @param summary one sentence
 * @param steps the steps in the order they are carried out
 * @param warnings warnings about the resulting state, in plain words
 * @param curl the API calls that make the same change
 * @param yaml the {@code portal.bindings} configuration that declares the resulting state
 * @param before the bindings before the change
 * @param after the bindings after the change
 */
public record BindingPlan(String summary, List<Step> steps, List<String> warnings, List<String> curl, String yaml,
        List<Binding> before, List<Binding> after) {

    /**
     * One step.
     *
     * @param action what kind of step: {@code open}, {@code close} or {@code swap-certificate}
     * @param binding the binding it acts on
     * @param description the step in plain words
     */
    public record Step(String action, String binding, String description) {
    }

}
