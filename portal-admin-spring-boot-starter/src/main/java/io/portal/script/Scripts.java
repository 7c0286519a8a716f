package io.portal.script;

import io.portal.equivalent.ConfigurationYaml;
import io.portal.equivalent.ApiCall;
import java.util.List;
import java.util.Set;

import io.portal.binding.Binding;
import io.portal.binding.BindingPlan;
import io.portal.binding.BindingScript;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the scripts that previews show, for the portal the operator is looking at.
 */
public class Scripts {

    private final ScriptTargets targets;

    private final CertificateDeclarations certificates;

    private final JsonMapper json;

    public Scripts(ScriptTargets targets, CertificateDeclarations certificates, JsonMapper json) {
        this.targets = targets;
        this.certificates = certificates;
        this.json = json;
    }

    /**
     * A request body as JSON.
     * @param body the body: a map, list or record
     * @return compact JSON
     */
    public String json(Object body) {
        return this.json.writeValueAsString(body);
    }

    /**
     * The declarations of certificates, for configuration that declares one.
     * @return the declarations
     */
    public CertificateDeclarations certificates() {
        return this.certificates;
    }

    /**
     * The script for API calls.
     * @param summary what they do, in one sentence
     * @param curl the calls, from {@link ApiCall#curl()}
     * @param inputs what the operator must supply
     * @param yaml the equivalent configuration, or {@code null}
     * @return the script
     */
    public Script of(String summary, List<String> curl, List<ScriptInput> inputs, String yaml) {
        return new Script(ReplayScript.bash(summary, this.targets.current(), curl, inputs), curl, yaml);
    }

    private Script of(String summary, List<String> curl, Set<String> avoid, String yaml) {
        return new Script(ReplayScript.bash(summary, this.targets.current(avoid), curl, List.of()), curl, yaml);
    }

    /**
     * The script for a change to bindings: its calls, and the configuration that declares
     * the resulting bindings and every certificate they use.
     * @param plan the change's plan
     * @return the script
     */
    public Script bindings(BindingPlan plan) {
        return bindings(plan, (yaml) -> { });
    }

    /**
     * The script for a change to bindings that also creates certificates.
     * @param plan the change's plan, with the calls that create them
     * @param pending declares the certificates the change creates
     * @return the script
     */
    public Script bindings(BindingPlan plan, java.util.function.Consumer<ConfigurationYaml> pending) {
        Set<String> changed = new java.util.HashSet<>();
        plan.steps().stream().map(BindingPlan.Step::binding).filter(java.util.Objects::nonNull).forEach(changed::add);
        return of(plan.summary(), plan.curl(), changed, yaml(plan.after(), pending));
    }

    /**
     * Configuration that declares bindings and every certificate they use.
     * @param bindings the bindings
     * @param pending declares certificates that do not exist yet
     * @return YAML for application.yml
     */
    public String yaml(List<Binding> bindings, java.util.function.Consumer<ConfigurationYaml> pending) {
        ConfigurationYaml yaml = new ConfigurationYaml();
        bindings.forEach((binding) -> BindingScript.declare(yaml, binding));
        bindings.stream().flatMap((binding) -> binding.bundles().stream()).distinct()
            .forEach((bundle) -> this.certificates.declare(yaml, bundle));
        pending.accept(yaml);
        return yaml.render();
    }

}
