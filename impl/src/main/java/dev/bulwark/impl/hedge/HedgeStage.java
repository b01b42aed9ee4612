package dev.bulwark.impl.hedge;

import dev.bulwark.api.RetryBudgetHandle;
import dev.bulwark.impl.stage.Race;
import dev.bulwark.impl.stage.StageContext;

/**
 * Hedging as a race: the next attempt after the fixed delay, or after the chosen percentile of the latencies observed
 * once there are enough of them; each attempt beyond the first withdrawn from the retry budget when there is one.
 */
final class HedgeStage extends Race {

    private final HedgeSpec spec;
    private final RetryBudgetHandle budget;
    private final LatencyWindow latencies;
    private final Runnable attempts;
    private final Runnable hedgesWon;

    HedgeStage(HedgeSpec spec, StageContext operation) {
        this.spec = spec;
        this.budget = operation.retryBudget();
        this.latencies = spec.delayPercentile() > 0 ? new LatencyWindow(spec.delayPercentile()) : null;
        this.attempts = operation.metrics().counter("ft.hedge.attempts.total");
        this.hedgesWon = operation.metrics().counter("ft.hedge.won.total");
    }

    @Override
    public int maxAttempts() {
        return spec.maxAttempts();
    }

    @Override
    public long delayNanos() {
        if (latencies != null) {
            long observed = latencies.percentile();
            if (observed >= 0) {
                return observed;
            }
        }
        return spec.delayNanos();
    }

    @Override
    public boolean mayStart(int attempt) {
        return budget == null || budget.tryWithdraw();
    }

    @Override
    public void started(int attempt) {
        attempts.run();
    }

    @Override
    public void won(int attempt, long elapsedNanos) {
        if (attempt > 1) {
            hedgesWon.run();
        }
        if (latencies != null) {
            latencies.record(elapsedNanos);
        }
    }

    @Override
    public String toString() {
        return "Hedge[delay " + spec.delayNanos() + " ns, maxAttempts " + spec.maxAttempts()
                + (latencies == null ? "" : ", delayPercentile " + spec.delayPercentile()) + "]";
    }
}
