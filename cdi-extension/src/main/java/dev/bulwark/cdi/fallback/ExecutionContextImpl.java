package dev.bulwark.cdi.fallback;

import java.lang.reflect.Method;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;

/** What a FallbackHandler is told about the failed call. */
public record ExecutionContextImpl(Method getMethod, Object[] getParameters, Throwable getFailure)
        implements ExecutionContext {
}
