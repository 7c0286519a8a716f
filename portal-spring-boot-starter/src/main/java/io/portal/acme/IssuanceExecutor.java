package io.portal.acme;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;

/**
 * Where ACME checks and orders run, apart from the task scheduler that triggers them: a
 * few threads (an order mostly waits for the CA) and a bounded queue, so that a slow CA
 * neither holds the scheduler's threads nor piles up work without end. Deliberately not
 * an {@link Executor} bean, so that it never stands in for the application's executor.
 */
public final class IssuanceExecutor implements DisposableBean {

    private final Executor executor;

    private IssuanceExecutor(Executor executor) {
        this.executor = executor;
    }

    /**
     * Threads of their own.
     * @param threads how many orders run at once
     * @param queue how many more may wait
     * @return the executor
     */
    public static IssuanceExecutor bounded(int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), (task) -> {
                    Thread thread = new Thread(task, "acme-issuance-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return new IssuanceExecutor(pool);
    }

    /**
     * Run on the thread that submits: for tests that drive time by hand.
     * @return the executor
     */
    public static IssuanceExecutor direct() {
        return new IssuanceExecutor(Runnable::run);
    }

    /**
     * Run a task.
     * @param task the task
     * @throws RejectedExecutionException if the queue is full or the portal stops
     */
    void execute(Runnable task) {
        this.executor.execute(task);
    }

    @Override
    public void destroy() {
        if (this.executor instanceof ThreadPoolExecutor pool) {
            pool.shutdownNow();
        }
    }

}
