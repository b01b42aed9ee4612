package io.helidon.microprofile.faulttolerance;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Test stand-in with the fully qualified name of Helidon 4's MP Fault Tolerance interceptor (package-private
 * there too, in helidon-microprofile-fault-tolerance 4.x). It only passes calls on: the test is about detection.
 */
@Interceptor
@CommandBinding
@Priority(Interceptor.Priority.PLATFORM_AFTER + 10)
class CommandInterceptor {

    @AroundInvoke
    Object passOn(InvocationContext context) throws Exception {
        return context.proceed();
    }
}
