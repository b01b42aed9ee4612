package dev.bulwark.impl.fallback;

import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.metrics.MetricsRecorder.FallbackUse;
import dev.bulwark.impl.stage.Around;
import dev.bulwark.impl.stage.Decision;
import java.util.concurrent.CompletionStage;

/**
 * The outermost stage of every operation: applies the fallback, if there is one and it applies to the failure, and
 * records how each call ended ({@code ft.invocations.total}, whose {@code fallback} tag it alone knows). The
 * fallback of an asynchronous call may return a stage; the call then ends when that stage does.
 */
public final class FallbackStage extends Around {

    private final FallbackSpec fallback;
    private final MetricsRecorder metrics;
    private final boolean asynchronous;
    private final FallbackUse unused;

    /** @param fallback the fallback, or null: the stage then only records how calls ended */
    public FallbackStage(FallbackSpec fallback, MetricsRecorder metrics, boolean asynchronous) {
        this.fallback = fallback;
        this.metrics = metrics;
        this.asynchronous = asynchronous;
        this.unused = fallback == null ? FallbackUse.NOT_DEFINED : FallbackUse.NOT_APPLIED;
    }

    @Override
    public boolean ends(Object value, Decision prior) {
        metrics.invocation(true, unused);
        return true;
    }

    @Override
    public Decision next(Decision prior, long mark, Object value, Throwable failure, Object context) {
        if (prior != null) {
            // The outcome of the stage the fallback returned.
            metrics.invocation(failure == null, FallbackUse.APPLIED);
            return failure == null ? prior.returns(value) : prior.fails(failure);
        }
        if (fallback == null || !fallback.applyOn().matches(failure)) {
            metrics.invocation(false, unused);
            return null;
        }
        Object replacement;
        try {
            replacement = fallback.function().apply(context, failure);
        } catch (Throwable fallbackFailure) {
            metrics.invocation(false, FallbackUse.APPLIED);
            return new Decision().fails(fallbackFailure);
        }
        if (asynchronous && replacement instanceof CompletionStage<?>) {
            return new Decision().awaits(replacement);
        }
        metrics.invocation(true, FallbackUse.APPLIED);
        return new Decision().returns(replacement);
    }
}
