package io.portal.binding;

/**
 * A binding was added, changed or removed at runtime.
 *
 * @param actor who made the change
 * @param action {@code binding.create}, {@code binding.update} or {@code binding.delete}
 * @param name the binding's name
 * @param before the binding before, or {@code null}
 * @param after the binding after, or {@code null}
 */
public record BindingChangedEvent(String actor, String action, String name, Binding before, Binding after) {
}
