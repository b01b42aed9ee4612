package dev.bulwark.impl.stage;

import dev.bulwark.api.RetryBudgetHandle;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.time.Clock;
import dev.bulwark.impl.time.Scheduler;

/** What a stage may use of the operation it is made for, and of the engine that runs it. */
public interface StageContext {

    /** The operation's name (for the annotations: the method's fully qualified name), for messages and metrics. */
    String name();

    /** Whether the operation's calls are asynchronous (a stage, a Future or a Uni is followed). */
    boolean asynchronous();

    /** The engine's clock: read it instead of {@code System.nanoTime}, so that tests can run in virtual time. */
    Clock clock();

    /** The engine's scheduler, for what must happen later without a thread waiting. */
    Scheduler scheduler();

    /** The operation's metrics. */
    MetricsRecorder metrics();

    /**
     * The operation's retry budget ({@code @RetryBudget}, on its retry), or null: a stage that adds attempts of its
     * own (hedging) withdraws them from it too. Null by default.
     */
    default RetryBudgetHandle retryBudget() {
        return null;
    }
}
