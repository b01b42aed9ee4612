package dev.bulwark.impl.stage;

/**
 * A strategy's settings that make its stage for each operation: how a strategy joins the chain without the chain
 * naming it. An operation's spec carries any number of them ({@code OperationSpec.Builder.stage}); the chain puts
 * each one just inside the built-in stage of its {@link #place()}, in the order they were added.
 *
 * <p>Implement {@link GateSpec} for a strategy that lets attempts through or refuses them, {@link AroundSpec} for one
 * that decides what an outcome means.
 */
public sealed interface StageSpec permits GateSpec, AroundSpec {

    /** The built-in stage this one sits just inside of. */
    Place place();

    /** Where a stage sits in the MP FT order, outermost first. */
    enum Place {
        FALLBACK(true),
        RETRY(true),
        CIRCUIT_BREAKER(false),
        RATE_LIMIT(false),
        TIMEOUT(false),
        BULKHEAD(false);

        private final boolean around;

        Place(boolean around) {
            this.around = around;
        }

        /** Whether around-stages sit here (else gates do). */
        public boolean around() {
            return around;
        }
    }
}
