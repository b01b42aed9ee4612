package dev.bulwark.impl.fallback;

import static dev.bulwark.impl.Preconditions.notNull;

import dev.bulwark.impl.exception.ExceptionMatcher;

/**
 * @param function computes the fallback result from the call's context and its failure
 * @param applyOn which failures the fallback applies to (applyOn included, skipOn excluded)
 */
public record FallbackSpec(ContextualFallback function, ExceptionMatcher applyOn) {

    public FallbackSpec {
        notNull(function, "fallback");
        notNull(applyOn, "applyOn");
    }
}
