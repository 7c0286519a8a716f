package io.portal.cluster;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.springframework.beans.factory.DisposableBean;

/**
 * The one thread a node follows the store and reports itself on, apart from the task
 * scheduler. Deliberately not an {@link java.util.concurrent.Executor} bean, which would
 * replace Spring Boot's application task executor.
 */
class ClusterWorker implements DisposableBean {

    private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
        Thread thread = new Thread(task, "portal-cluster");
        thread.setDaemon(true);
        return thread;
    });

    void execute(Runnable work) {
        try {
            this.executor.execute(work);
        }
        catch (RejectedExecutionException ex) {
            // Shutting down.
        }
    }

    @Override
    public void destroy() {
        this.executor.shutdownNow();
    }

}
