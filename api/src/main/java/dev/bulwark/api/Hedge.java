package dev.bulwark.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Hedged calls: when an attempt has not answered after {@link #delay()}, another attempt starts beside it, and the
 * first that returns completes the call; the others are cancelled. A failed attempt lets the next one start at once.
 * At most {@link #maxAttempts()} attempts run for one call (one run of what {@code @Retry} retries), so a downstream
 * that is down never sees more than that many per call.
 *
 * <p>Only for asynchronous methods ({@code @Asynchronous}, {@code @AsynchronousNonBlocking}, or a method returning
 * Mutiny's {@code Uni}): a synchronous method with {@code @Hedge} fails deployment, since it has no thread to race a
 * second attempt on. Each attempt passes the circuit breaker, rate limit, timeout and bulkhead on its own;
 * {@code @Retry} is outside the hedge (a retry starts a new race) and {@code @Fallback} outside that. A cancelled loser
 * is no outcome for the breaker. With a {@code @RetryBudget} on the method's retry, each attempt beyond the first is
 * withdrawn from that budget, and none starts when it is empty.
 *
 * <p>Every parameter can be overridden with MicroProfile Config as the MP FT annotations' are
 * ({@code <class>/<method>/Hedge/<parameter>}, {@code Hedge/<parameter>}, {@code Hedge/enabled}). Metrics:
 * {@code ft.hedge.attempts.total} (every attempt started, the first included) and {@code ft.hedge.won.total} (calls
 * won by an attempt after the first).
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@InterceptorBinding
public @interface Hedge {

    /**
     * How long after an attempt started the next one starts, if none has answered by then. Default 50; at least 0
     * (0: every attempt starts at once). In {@link #delayUnit()}. With {@link #delayPercentile()}, used until enough
     * latencies have been observed.
     *
     * @return the delay
     */
    @Nonbinding
    long delay() default 50;

    /**
     * The unit of {@link #delay()}. Default milliseconds.
     *
     * @return the unit
     */
    @Nonbinding
    ChronoUnit delayUnit() default ChronoUnit.MILLIS;

    /**
     * The most attempts for one call, the first included. Default 2; at least 2 and at most 10.
     *
     * @return the attempts
     */
    @Nonbinding
    int maxAttempts() default 2;

    /**
     * When above 0, the delay follows the observed latency: the next attempt starts once an attempt has run longer
     * than this percentile of the latencies of the last 256 winning attempts (for example 95: one call in 20 is
     * hedged). Until 32 latencies are known, {@link #delay()} is used. Default 0 (off); otherwise above 0 and below
     * 100.
     *
     * @return the percentile, or 0
     */
    @Nonbinding
    double delayPercentile() default 0;
}
