package io.portal.binding;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@link ConditionalOnBindings}: whether any {@code portal.bindings.<name>} is declared.
 */
class OnBindingsCondition extends SpringBootCondition {

    private static final Bindable<Map<String, Object>> BINDINGS = Bindable.mapOf(String.class, Object.class);

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> declared = Binder.get(context.getEnvironment()).bind("portal.bindings", BINDINGS).orElse(Map.of());
        return declared.isEmpty() ? ConditionOutcome.noMatch("no portal.bindings.<name> is declared")
                : ConditionOutcome.match("portal.bindings declares " + declared.keySet());
    }

}
