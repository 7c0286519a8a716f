package io.portal.binding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the configuration declares at least one binding
 * ({@code portal.bindings.<name>.*}). Without one, an application on the starter keeps
 * Spring Boot's own single-connector server ({@code server.port}), and nothing that
 * needs the bindings' listeners is configured.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnBindingsCondition.class)
public @interface ConditionalOnBindings {

}
