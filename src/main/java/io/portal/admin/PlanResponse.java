package io.portal.admin;

import java.util.List;

import io.portal.binding.BindingPlan;

/**
 * The preview of a change ("show script"): what will change, the warnings for the state
 * it leads to, and the equivalent commands.
 *
 * @param applied whether the change was carried out ({@code false} for a dry run)
 * @param summary one sentence
 * @param steps ordered steps
 * @param warnings warnings in plain words
 * @param script the equivalent API calls and configuration
 */
public record PlanResponse(boolean applied, String summary, List<BindingPlan.Step> steps, List<String> warnings, Script script) {

    /**
     * The equivalent commands.
     *
     * @param curl the API calls
     * @param yaml the configuration that declares the resulting bindings
     */
    public record Script(List<String> curl, String yaml) {
    }

    /**
     * The preview of a change that is not about bindings.
     * @param summary one sentence
     * @param step the one step
     * @param warnings warnings
     * @param curl the equivalent API call
     * @return the preview
     */
    static PlanResponse preview(String summary, BindingPlan.Step step, List<String> warnings, String curl) {
        return new PlanResponse(false, summary, List.of(step), warnings, new Script(List.of(curl), null));
    }

    static PlanResponse of(BindingPlan plan, boolean applied) {
        return new PlanResponse(applied, plan.summary(), plan.steps(), plan.warnings(), new Script(plan.curl(), plan.yaml()));
    }

}
