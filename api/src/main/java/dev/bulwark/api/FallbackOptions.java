package dev.bulwark.api;

/** Which failures a fallback applies to. */
public interface FallbackOptions {

    /** Failures the fallback applies to. Default {@link Throwable}. */
    @SuppressWarnings("unchecked")
    FallbackOptions applyOn(Class<? extends Throwable>... types);

    /** Failures passed on unchanged, even if {@link #applyOn} names them or a superclass. */
    @SuppressWarnings("unchecked")
    FallbackOptions skipOn(Class<? extends Throwable>... types);
}
