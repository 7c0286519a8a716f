package io.portal.store;

/**
 * A change could not be written to the state store, so it was not made: the transaction
 * was rolled back and what the change had done outside the store was undone. The message
 * holds no detail of the database error (that is logged); the cause does.
 */
public class ChangeNotStoredException extends RuntimeException {

    public ChangeNotStoredException(Throwable cause) {
        super("The change could not be written to the state store, so it was not made: listeners, certificates "
                + "and stored state are as they were.", cause);
    }

}
