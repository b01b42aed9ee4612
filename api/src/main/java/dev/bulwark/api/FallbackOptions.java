package dev.bulwark.api;

/**
 * Which failures a fallback applies to; a failure it does not apply to is thrown (or completes the stage) unchanged.
 * Each list replaces the one set before.
 */
public interface FallbackOptions {

    /** Failures (with their subclasses) the fallback applies to; none given means none. Default {@link Throwable}. */
    @SuppressWarnings("unchecked")
    FallbackOptions applyOn(Class<? extends Throwable>... types);

    /** Failures passed on unchanged, even if {@link #applyOn} names them or a superclass. Default none. */
    @SuppressWarnings("unchecked")
    FallbackOptions skipOn(Class<? extends Throwable>... types);
}
