package dev.bulwark.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Guards a method that returns {@code CompletionStage} or Mutiny's {@code Uni} (or every such business method of the
 * annotated class) asynchronously, without moving it to another thread: each attempt starts on the thread that calls
 * (or subscribes to) it, retry delays and timeouts are scheduled and never block that thread, the outcome of the
 * returned stage or Uni is what every strategy sees, and {@code @Bulkhead} is the asynchronous bulkhead
 * ({@code value} running plus {@code waitingTaskQueue} waiting). For code on an event loop (Vert.x, quarkus-rest),
 * where {@code @Asynchronous} would move blocking-free code to a worker thread for nothing. After a wait the call goes
 * on in its caller's Vert.x context when it has one.
 *
 * <p>A {@code Uni} method is guarded this way without the annotation; {@code @Asynchronous} on it offloads each
 * attempt to Bulwark's executor instead. {@code @Asynchronous} and {@code @AsynchronousNonBlocking} on one method (or
 * both on its class) fail deployment, as does this annotation on a method returning any other type. SmallRye Fault
 * Tolerance's annotation of the same name means the same.
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@InterceptorBinding
public @interface AsynchronousNonBlocking {
}
