package io.portal.binding;

/**
 * A change to the bindings, as requested through the API, the pages or the shell. For a
 * binding declared in configuration, a replacement is stored as an override of the fields
 * that differ from the configuration, a removal disables it by override, and a reset
 * removes the override.
 */
public sealed interface BindingChange {

    /**
     * The name of the binding the change is about.
     * @return the name
     */
    String name();

    /**
     * Add a binding.
     *
     * @param binding the new binding
     */
    record Create(Binding binding) implements BindingChange {

        @Override
        public String name() {
            return this.binding.name();
        }

    }

    /**
     * Replace a binding's settings (and enable it, if it was disabled by override).
     *
     * @param name the binding's name
     * @param binding the new settings, with the same name
     */
    record Replace(String name, Binding binding) implements BindingChange {
    }

    /**
     * Remove a runtime binding, or disable a configured one.
     *
     * @param name the binding's name
     */
    record Delete(String name) implements BindingChange {
    }

    /**
     * Reset a configured binding to its configuration: remove its override.
     *
     * @param name the binding's name
     */
    record Reset(String name) implements BindingChange {
    }

}
