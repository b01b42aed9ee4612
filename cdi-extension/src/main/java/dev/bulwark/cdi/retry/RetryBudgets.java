package dev.bulwark.cdi.retry;

import dev.bulwark.cdi.definition.RetryBudgetDefinition;
import dev.bulwark.impl.retry.TokenRetryBudget;
import dev.bulwark.impl.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/** The retry budgets of one deployment: one per name (shared by the methods that name it), one per unnamed use. */
public final class RetryBudgets {

    private final Clock clock;
    private final Map<String, TokenRetryBudget> named = new HashMap<>();
    private final Map<String, RetryBudgetDefinition> namedBy = new HashMap<>();
    private final Map<String, String> firstUser = new HashMap<>();

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
        RetryBudgetDefinition earlier = namedBy.putIfAbsent(definition.name(), definition);
        if (earlier != null && !earlier.sameSettings(definition)) {
            throw new FaultToleranceDefinitionException(usedBy + ": @RetryBudget \"" + definition.name()
                    + "\" is shared with " + firstUser.get(definition.name()) + ", which gives it other settings ("
                    + earlier + " there, " + definition + " here)");
        }
        firstUser.putIfAbsent(definition.name(), usedBy);
        return named.computeIfAbsent(definition.name(), name -> create(definition));
    }

    private TokenRetryBudget create(RetryBudgetDefinition d) {
        return new TokenRetryBudget(d.ratio(), d.minPerSecond(), d.ttlNanos(), clock);
    }
}
