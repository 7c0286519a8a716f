package io.portal.binding;

/**
 * A binding was added, changed, disabled, removed or reset at runtime, and the change has
 * committed (it is published after the commit, never for a change that was undone).
 *
 * @param actor who made the change
 * @param action as in the audit log: {@code binding.create}, {@code binding.update},
 * {@code binding.delete}, {@code binding.override}, {@code binding.disable} or
 * {@code binding.reset}
 * @param name the binding's name
 * @param before the binding in force before, or {@code null} (new, or disabled)
 * @param after the binding in force after, or {@code null} (removed, or disabled)
 */
public record BindingChangedEvent(String actor, String action, String name, Binding before, Binding after) {
}
