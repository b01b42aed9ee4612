package dev.bulwark.benchmarks.quarkus;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Proceeds and nothing else: what ArC's interception costs before any fault-tolerance work (the floor). */
@Interceptor
@PassThrough
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class PassThroughInterceptor {

    @AroundInvoke
    public Object proceed(InvocationContext context) throws Exception {
        return context.proceed();
    }
}
