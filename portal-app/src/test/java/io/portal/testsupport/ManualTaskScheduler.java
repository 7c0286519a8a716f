package io.portal.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A {@link TaskScheduler} that runs nothing by itself: tasks run on the test's thread
 * when the test moves the {@link MutableClock} past their time, so tests drive scheduled
 * work without sleeping.
 */
public final class ManualTaskScheduler implements TaskScheduler {

    private final MutableClock clock;

    private final List<Task> tasks = new ArrayList<>();

    public ManualTaskScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public java.time.Clock getClock() {
        return this.clock;
    }

    /**
     * Run every task whose time has come, including tasks they schedule for now, in time
     * order.
     * @return how many ran
     */
    public int runDue() {
        int ran = 0;
        for (Optional<Task> task = nextDue(); task.isPresent(); task = nextDue()) {
            if (++ran > 1000) {
                throw new IllegalStateException("More than 1000 tasks due at once: a task keeps rescheduling itself for now");
            }
            task.get().run(this.clock.instant());
        }
        return ran;
    }

    /**
     * Move the clock forward, then run what is due.
     * @param duration how far
     * @return how many tasks ran
     */
    public int advance(Duration duration) {
        this.clock.advance(duration);
        return runDue();
    }

    /**
     * When the next task is due.
     * @return the time, or empty if nothing is scheduled
     */
    public synchronized Optional<Instant> nextTime() {
        return this.tasks.stream().filter((t) -> !t.isCancelled()).map((t) -> t.next).min(Comparator.naturalOrder());
    }

    private synchronized Optional<Task> nextDue() {
        Instant now = this.clock.instant();
        this.tasks.removeIf((t) -> t.isCancelled() || t.isDone());
        return this.tasks.stream().filter((t) -> !t.next.isAfter(now)).min(Comparator.comparing((Task t) -> t.next));
    }

    private synchronized Task add(Runnable runnable, Instant first, Duration period, boolean fixedRate) {
        Task task = new Task(runnable, first, period, fixedRate);
        this.tasks.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
        throw new UnsupportedOperationException("Triggers are not supported by the manual scheduler");
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
        return add(task, startTime, null, false);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
        return add(task, startTime, period, true);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
        return add(task, this.clock.instant(), period, true);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
        return add(task, startTime, delay, false);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
        return add(task, this.clock.instant(), delay, false);
    }

    private static final class Task implements ScheduledFuture<Object> {

        private final Runnable runnable;

        private final Duration period;

        private final boolean fixedRate;

        private volatile Instant next;

        private volatile boolean cancelled;

        private volatile boolean done;

        Task(Runnable runnable, Instant next, Duration period, boolean fixedRate) {
            this.runnable = runnable;
            this.next = next;
            this.period = period;
            this.fixedRate = fixedRate;
        }

        void run(Instant now) {
            if (this.period == null) {
                this.done = true;
            }
            else if (this.fixedRate) {
                Instant following = this.next.plus(this.period);
                while (!following.isAfter(now)) {
                    following = following.plus(this.period);
                }
                this.next = following;
            }
            else {
                this.next = now.plus(this.period);
            }
            this.runnable.run();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(Instant.now(), this.next));
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            this.cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return this.cancelled;
        }

        @Override
        public boolean isDone() {
            return this.done || this.cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }

    }

}
