package dev.bulwark.benchmarks.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Proceeds and nothing else: measures what Weld's interception machinery costs before any FT work. */
@Interceptor
@PassThrough
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class PassThroughInterceptor {

    @AroundInvoke
    public Object proceed(InvocationContext context) throws Exception {
        return context.proceed();
    }
}
