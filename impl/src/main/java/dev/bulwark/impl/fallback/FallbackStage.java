package dev.bulwark.impl.fallback;

import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.stage.Around;
import dev.bulwark.impl.stage.Decision;
import java.util.concurrent.CompletionStage;

/**
 * The outermost stage of every operation: applies the fallback, if there is one and it applies to the failure, and
 * records how each call ended ({@code ft.invocations.total}, whose {@code fallback} tag it alone knows). The
 * fallback of an asynchronous call may return a stage; the call then ends when that stage does. Its series, by
 * {@code result}: with a fallback, {@code fallback=applied} and {@code notApplied}; without, {@code notDefined}.
 */
public final class FallbackStage extends Around {

    private static final String INVOCATIONS = "ft.invocations.total";

    private final FallbackSpec fallback;
    private final boolean asynchronous;
    // ft.invocations.total by result, the fallback not used (notApplied, or notDefined without one) or applied
    private final Runnable returnedUnused;
    private final Runnable thrownUnused;
    private final Runnable returnedApplied;
    private final Runnable thrownApplied;

    /** @param fallback the fallback, or null: the stage then only records how calls ended */
    public FallbackStage(FallbackSpec fallback, MetricsRecorder metrics, boolean asynchronous) {
        this.fallback = fallback;
        this.asynchronous = asynchronous;
        String unused = fallback == null ? "notDefined" : "notApplied";
        this.returnedUnused = metrics.counter(INVOCATIONS, "result", "valueReturned", "fallback", unused);
        this.thrownUnused = metrics.counter(INVOCATIONS, "result", "exceptionThrown", "fallback", unused);
        this.returnedApplied = fallback == null ? MetricsRecorder.NOTHING
                : metrics.counter(INVOCATIONS, "result", "valueReturned", "fallback", "applied");
        this.thrownApplied = fallback == null ? MetricsRecorder.NOTHING
                : metrics.counter(INVOCATIONS, "result", "exceptionThrown", "fallback", "applied");
    }

    @Override
    public boolean ends(Object value, Decision prior) {
        returnedUnused.run();
        return true;
    }

    @Override
    public Decision next(Decision prior, long mark, Object value, Throwable failure, Object context) {
        if (prior != null) {
            // The outcome of the stage the fallback returned.
            (failure == null ? returnedApplied : thrownApplied).run();
            return failure == null ? prior.returns(value) : prior.fails(failure);
        }
        if (fallback == null || !fallback.applyOn().matches(failure)) {
            thrownUnused.run();
            return null;
        }
        Object replacement;
        try {
            replacement = fallback.function().apply(context, failure);
        } catch (Throwable fallbackFailure) {
            thrownApplied.run();
            return new Decision().fails(fallbackFailure);
        }
        if (asynchronous && replacement instanceof CompletionStage<?>) {
            return new Decision().awaits(replacement);
        }
        returnedApplied.run();
        return new Decision().returns(replacement);
    }
}
