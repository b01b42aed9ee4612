package dev.bulwark.impl.guard;

import static dev.bulwark.impl.Preconditions.noNulls;

import dev.bulwark.api.FallbackFunction;
import dev.bulwark.api.FallbackOptions;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.fallback.FallbackSpec;
import java.util.List;

/** Collects {@link FallbackOptions}: by default every failure applies. */
final class FallbackSettings implements FallbackOptions {

    private List<Class<? extends Throwable>> applyOn = List.of(Throwable.class);
    private List<Class<? extends Throwable>> skipOn = List.of();

    @SafeVarargs
    @Override
    public final FallbackOptions applyOn(Class<? extends Throwable>... types) {
        this.applyOn = noNulls("applyOn", types);
        return this;
    }

    @SafeVarargs
    @Override
    public final FallbackOptions skipOn(Class<? extends Throwable>... types) {
        this.skipOn = noNulls("skipOn", types);
        return this;
    }

    FallbackSpec toSpec(FallbackFunction<?> function) {
        return new FallbackSpec((context, failure) -> function.apply(failure), ExceptionMatcher.of(applyOn, skipOn));
    }
}
