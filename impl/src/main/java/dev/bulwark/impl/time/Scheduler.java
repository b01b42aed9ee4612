package dev.bulwark.impl.time;

import java.util.concurrent.Future;

/**
 * Runs a task after a delay. The asynchronous driver schedules retries and timeouts through it and never
 * parks a thread to wait.
 */
@FunctionalInterface
public interface Scheduler {

    /**
     * Runs {@code task} once, {@code delayNanos} from now (at once if not positive), on a thread of the
     * scheduler's choosing. The task must be short: it usually only hands work on to an executor.
     *
     * @return a handle whose {@code cancel} stops the task if it has not run yet
     */
    Future<?> schedule(Runnable task, long delayNanos);
}
