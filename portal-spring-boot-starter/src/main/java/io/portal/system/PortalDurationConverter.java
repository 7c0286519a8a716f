package io.portal.system;

import java.time.Duration;
import java.util.Set;

import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.ConditionalGenericConverter;

/**
 * Reads the {@link Duration} values of {@code portal.*} properties in the portal's one
 * duration format ({@link PortalDurations}: {@code 1y}, {@code 52w}, {@code 1h30m}, a
 * plain number is seconds), the same as the admin API and the {@code configure} command
 * accept.
 * <p>
 * Only portal properties: Spring Boot's own ({@code server.*}, {@code spring.*}) keep
 * Boot's format, where a plain number means milliseconds unless the property says
 * otherwise, so that Boot's documentation stays true for them. The converter tells them
 * apart by the {@link PortalProperty} mark that {@link PortalPropertyBindHandler} puts on
 * every value bound under {@code portal.}.
 */
public class PortalDurationConverter implements ConditionalGenericConverter {

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, Duration.class));
    }

    @Override
    public boolean matches(TypeDescriptor sourceType, TypeDescriptor targetType) {
        return targetType.hasAnnotation(PortalProperty.class);
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        return (source != null) ? PortalDurations.parse(source.toString()) : null;
    }

}
