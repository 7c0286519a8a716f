package io.portal.testsupport;

import java.time.Clock;

import io.portal.acme.IssuanceExecutor;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.scheduling.TaskScheduler;

/**
 * Gives a portal a {@link MutableClock} and a {@link ManualTaskScheduler} as its primary
 * {@link Clock} and {@link TaskScheduler} (and runs ACME orders on the thread that triggers
 * them): pass it to
 * {@link PortalInstance#start(java.util.Map, org.springframework.context.ApplicationContextInitializer...)},
 * then move time with {@link #advance}.
 */
public final class ManualTime implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private final MutableClock clock = new MutableClock();

    private final ManualTaskScheduler scheduler = new ManualTaskScheduler(this.clock);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        GenericApplicationContext generic = (GenericApplicationContext) context;
        generic.registerBean("testClock", Clock.class, () -> this.clock, (definition) -> definition.setPrimary(true));
        generic.registerBean("taskScheduler", TaskScheduler.class, () -> this.scheduler,
                (definition) -> definition.setPrimary(true));
        // ACME orders run on the test's thread too, when the scheduler triggers them.
        generic.registerBean("acmeIssuanceExecutor", IssuanceExecutor.class, IssuanceExecutor::direct);
    }

    public MutableClock clock() {
        return this.clock;
    }

    public ManualTaskScheduler scheduler() {
        return this.scheduler;
    }

    /**
     * Run what is due now.
     * @return how many tasks ran
     */
    public int runDue() {
        return this.scheduler.runDue();
    }

    public int advance(java.time.Duration duration) {
        return this.scheduler.advance(duration);
    }

}
