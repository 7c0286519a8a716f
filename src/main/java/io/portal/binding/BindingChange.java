package io.portal.binding;

/**
 * A change to the runtime bindings, as requested through the API or the pages.
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
     * Replace a runtime binding's settings.
     *
     * @param name the binding's name
     * @param binding the new settings, with the same name
     */
    record Replace(String name, Binding binding) implements BindingChange {
    }

    /**
     * Remove a runtime binding.
     *
     * @param name the binding's name
     */
    record Delete(String name) implements BindingChange {
    }

}
