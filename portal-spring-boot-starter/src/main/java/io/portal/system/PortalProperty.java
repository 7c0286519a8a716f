package io.portal.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.MergedAnnotation;

/**
 * Marks a value being bound from a {@code portal.*} property, so that portal-specific
 * conversions (such as {@link PortalDurationConverter}) apply to the portal's own
 * properties and to no one else's. Added by {@link PortalPropertyBindHandler} while
 * binding; not written on fields.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
public @interface PortalProperty {

    /**
     * An instance to add to a binding target's annotations.
     */
    PortalProperty INSTANCE = MergedAnnotation.of(PortalProperty.class).synthesize();

}
