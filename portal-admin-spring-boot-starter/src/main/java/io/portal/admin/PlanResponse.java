package io.portal.admin;

import java.util.List;

import io.portal.binding.BindingPlan;
import io.portal.script.Script;

/**
 * The preview of a change ("show script"): what will change, the warnings for the state
 * it leads to, and the equivalent script.
 *
 * @param applied whether the change was carried out ({@code false} for a dry run)
 * @param summary one sentence
 * @param steps ordered steps
 * @param warnings warnings in plain words
 * @param script the equivalent script, API calls and configuration
 */
public record PlanResponse(boolean applied, String summary, List<BindingPlan.Step> steps, List<String> warnings, Script script) {

    /**
     * The preview of a change that is not about bindings.
     * @param summary one sentence
     * @param step the one step
     * @param warnings warnings
     * @param script the equivalent script
     * @return the preview
     */
    static PlanResponse preview(String summary, BindingPlan.Step step, List<String> warnings, Script script) {
        return new PlanResponse(false, summary, List.of(step), warnings, script);
    }

    static PlanResponse of(BindingPlan plan, boolean applied, Script script) {
        return new PlanResponse(applied, plan.summary(), plan.steps(), plan.warnings(), script);
    }

}
