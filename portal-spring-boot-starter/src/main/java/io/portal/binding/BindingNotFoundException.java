package io.portal.binding;

/**
 * No binding has the given name.
 */
public class BindingNotFoundException extends RuntimeException {

    public BindingNotFoundException(String name) {
        super("There is no binding '" + name + "'.");
    }

}
