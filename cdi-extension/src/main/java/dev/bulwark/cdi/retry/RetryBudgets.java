package dev.bulwark.cdi.retry;

import dev.bulwark.cdi.definition.RetryBudgetDefinition;
import dev.bulwark.impl.retry.TokenRetryBudget;
import dev.bulwark.impl.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * The retry budgets of one deployment: one per name (shared by the methods that name it), one per unnamed use. Filled
 * while the deployment's calls are built, on one thread.
 */
public final class RetryBudgets {

    /** A named budget, with the settings and the method that first named it, against which later users are checked. */
    private record Named(RetryBudgetDefinition definition, String firstUser, TokenRetryBudget budget) {
    }

    private final Clock clock;
    private final Map<String, Named> named = new HashMap<>();

    public RetryBudgets(Clock clock) {
        this.clock = clock;
    }

    /**
     * The budget {@code definition} describes for the method {@code usedBy}.
     *
     * @throws FaultToleranceDefinitionException if another method names the same budget with other settings
     */
    public TokenRetryBudget of(RetryBudgetDefinition definition, String usedBy) {
        if (definition.name() == null) {
            return create(definition);
        }
        Named earlier = named.get(definition.name());
        if (earlier == null) {
            TokenRetryBudget budget = create(definition);
            named.put(definition.name(), new Named(definition, usedBy, budget));
            return budget;
        }
        if (!earlier.definition().sameSettings(definition)) {
            throw new FaultToleranceDefinitionException(usedBy + ": @RetryBudget \"" + definition.name()
                    + "\" is shared with " + earlier.firstUser() + ", which gives it other settings ("
                    + earlier.definition() + " there, " + definition + " here)");
        }
        return earlier.budget();
    }

    private TokenRetryBudget create(RetryBudgetDefinition d) {
        return new TokenRetryBudget(d.ratio(), d.minPerSecond(), d.ttlNanos(), clock);
    }
}
