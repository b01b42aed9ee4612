package dev.bulwark.cdi;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Hands each call of a guarded bean to the operation built for its bean class and method at deployment.
 * The per-call work is one map lookup by {@link Method}: no reflection, no config read, no annotation scan.
 * The priority is {@code PLATFORM_AFTER + 10} unless {@code mp.fault.tolerance.interceptor.priority} says
 * otherwise; the front door rewrites it when it registers this class (on Quarkus, at build time).
 */
@Interceptor
@FaultToleranceBinding
@Priority(Interceptor.Priority.PLATFORM_AFTER + 10)
public class FaultToleranceInterceptor {

    @Inject
    @Intercepted
    Bean<?> intercepted;

    @Inject
    BulwarkRuntime runtime;

    // An interceptor instance belongs to one bean instance, so its table is that bean class's. The runtime builds
    // the tables before handing one out, so an empty table here means the class has no guarded method.
    private Map<Method, GuardedCall> calls;

    @AroundInvoke
    public Object intercept(InvocationContext context) throws Exception {
        Map<Method, GuardedCall> table = calls;
        if (table == null) {
            // An MP Rest Client implementation with its own interceptor chain (Jersey's) has no intercepted bean to
            // give: the interface that declares the method is then the bean's class.
            table = runtime.callsOf(intercepted != null ? intercepted.getBeanClass()
                    : context.getMethod().getDeclaringClass());
            calls = table;
        }
        GuardedCall call = table.get(context.getMethod());
        return call == null ? context.proceed() : call.invoke(context);
    }
}
