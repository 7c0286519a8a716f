package io.portal.store;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One change, one transaction: everything a change writes to the state store (its rows and
 * its audit entry) commits together or not at all, and what it changed outside the store
 * (a listener opened, a certificate registered) is undone when the transaction does not
 * commit. A change started inside another joins it, so that a page that generates a
 * certificate and binds it is one change.
 * <p>
 * Work outside the store registers its undo with {@link #onRollback(Runnable)} right
 * after it succeeded; undo actions run in reverse order, after the rollback, on the
 * thread that made the change. The commit is on disk when {@link #run(Supplier)} returns
 * (see {@code PortalDefaults.h2Url} for H2), so a change may be confirmed then.
 */
public class ChangeTransaction {

    private static final Log logger = LogFactory.getLog(ChangeTransaction.class);

    private static final Object KEY = new Object();

    private final TransactionTemplate transactions;

    public ChangeTransaction(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /**
     * Carry out a change in one transaction, or join the one in progress.
     * @param <T> what the change returns
     * @param change the change
     * @return what it returned, once committed
     * @throws ChangeNotStoredException if the store could not be written; nothing changed
     * @throws RuntimeException what the change threw; nothing changed
     */
    public <T> T run(Supplier<T> change) {
        try {
            return this.transactions.execute((status) -> change.get());
        }
        catch (DataAccessException | TransactionException ex) {
            throw new ChangeNotStoredException(ex);
        }
    }

    /**
     * Carry out a change that returns nothing.
     * @param change the change
     */
    public void run(Runnable change) {
        run(() -> {
            change.run();
            return null;
        });
    }

    /**
     * Undo something done outside the store if the current change does not commit.
     * @param undo what restores the state from before
     * @throws IllegalStateException outside a change
     */
    public static void onRollback(Runnable undo) {
        completion().add(undo, Action.Kind.ROLLED_BACK);
    }

    /**
     * Do something once the current change has committed, such as telling others about
     * it; never for a change that was undone. Outside a change it is done at once.
     * @param action the action
     */
    public static void onCommit(Runnable action) {
        if (!isActive()) {
            action.run();
            return;
        }
        completion().add(action, Action.Kind.COMMITTED);
    }

    /**
     * Do something when the current change ends, committed or not (after the undo actions
     * registered before it), such as releasing a lock held for the change.
     * @param action the action
     * @throws IllegalStateException outside a change
     */
    public static void onCompletion(Runnable action) {
        completion().add(action, Action.Kind.ALWAYS);
    }

    /**
     * Whether the calling thread is inside a change.
     * @return whether a transaction is active
     */
    public static boolean isActive() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive();
    }

    private static Completion completion() {
        if (!isActive()) {
            throw new IllegalStateException("Not inside a change: run it through ChangeTransaction.run");
        }
        Completion completion = (Completion) TransactionSynchronizationManager.getResource(KEY);
        if (completion == null) {
            completion = new Completion();
            TransactionSynchronizationManager.bindResource(KEY, completion);
            TransactionSynchronizationManager.registerSynchronization(completion);
        }
        return completion;
    }

    /**
     * The actions of one transaction, last registered first.
     */
    private static final class Completion implements TransactionSynchronization {

        private final Deque<Action> actions = new ArrayDeque<>();

        void add(Runnable action, Action.Kind kind) {
            this.actions.push(new Action(action, kind));
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
            boolean committed = status == STATUS_COMMITTED;
            while (!this.actions.isEmpty()) {
                Action action = this.actions.pop();
                if (action.kind() == (committed ? Action.Kind.ROLLED_BACK : Action.Kind.COMMITTED)) {
                    continue;
                }
                try {
                    action.action().run();
                }
                catch (RuntimeException ex) {
                    logger.error((action.kind() == Action.Kind.ROLLED_BACK)
                            ? "A change that did not commit could not be fully undone; check the bindings and certificates "
                                    + "it touched: " + ex.getMessage()
                            : "An action after a change failed: " + ex.getMessage(), ex);
                }
            }
        }

    }

    /**
     * An action registered with a change, and when it runs.
     */
    private record Action(Runnable action, Kind kind) {

        enum Kind {

            ROLLED_BACK, COMMITTED, ALWAYS

        }

    }

}
