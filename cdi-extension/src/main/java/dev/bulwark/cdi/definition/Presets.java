package dev.bulwark.cdi.definition;

import dev.bulwark.api.ExponentialBackoff;
import dev.bulwark.api.Preset;
import dev.bulwark.api.RetryBudget;
import java.lang.annotation.Annotation;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * What each {@code @Guarded} preset expands to: the annotations it stands for, with the values the README's preset
 * table documents (and explains). A preset without a retry has no {@code @Retry}, backoff or budget.
 */
final class Presets {

    private static final Map<Preset, Map<Class<? extends Annotation>, Annotation>> EXPANSIONS =
            new EnumMap<>(Preset.class);

    static {
        define(Preset.HTTP_INTERNAL, 2_000,
                retry(2, 50, 25, 10_000), backoff(1_000), budget(0.2, 10), breaker(20, 5_000, 2));
        define(Preset.HTTP_EXTERNAL, 5_000,
                retry(3, 200, 100, 30_000), backoff(5_000), budget(0.1, 5), breaker(20, 30_000, 3));
        define(Preset.DATABASE, 5_000, null, null, null, breaker(20, 10_000, 2));
        define(Preset.CACHE, 200, null, null, null, breaker(50, 2_000, 3));
        define(Preset.MESSAGE_BROKER, 10_000,
                retry(5, 500, 250, 60_000), backoff(10_000), budget(0.2, 10), breaker(10, 15_000, 2));
        define(Preset.OBJECT_STORAGE, 30_000,
                retry(3, 500, 250, 120_000), backoff(8_000), budget(0.2, 10), breaker(20, 30_000, 2));
    }

    private Presets() {
    }

    /** The annotation of {@code type} that {@code preset} stands for, or null if it has none of that type. */
    static Annotation expand(Preset preset, Class<? extends Annotation> type) {
        return EXPANSIONS.get(preset).get(type);
    }

    /** Whether {@code preset} retries. */
    static boolean retries(Preset preset) {
        return EXPANSIONS.get(preset).containsKey(Retry.class);
    }

    private static void define(Preset preset, long timeoutMillis, Retry retry, ExponentialBackoff backoff,
            RetryBudget budget, CircuitBreaker breaker) {
        Map<Class<? extends Annotation>, Annotation> expansion = new java.util.HashMap<>();
        expansion.put(Timeout.class, SynthesizedAnnotation.of(Timeout.class, Map.of("value", timeoutMillis)));
        if (retry != null) {
            expansion.put(Retry.class, retry);
            expansion.put(ExponentialBackoff.class, backoff);
            expansion.put(RetryBudget.class, budget);
        }
        expansion.put(CircuitBreaker.class, breaker);
        EXPANSIONS.put(preset, Map.copyOf(expansion));
    }

    private static Retry retry(int maxRetries, long delayMillis, long jitterMillis, long maxDurationMillis) {
        return SynthesizedAnnotation.of(Retry.class, Map.of("maxRetries", maxRetries, "delay", delayMillis,
                "jitter", jitterMillis, "maxDuration", maxDurationMillis));
    }

    private static ExponentialBackoff backoff(long maxDelayMillis) {
        return SynthesizedAnnotation.of(ExponentialBackoff.class, Map.of("factor", 2, "maxDelay", maxDelayMillis));
    }

    private static RetryBudget budget(double ratio, int minPerSecond) {
        return SynthesizedAnnotation.of(RetryBudget.class, Map.of("ratio", ratio, "minPerSecond", minPerSecond));
    }

    private static CircuitBreaker breaker(int requestVolumeThreshold, long delayMillis, int successThreshold) {
        return SynthesizedAnnotation.of(CircuitBreaker.class, Map.of("requestVolumeThreshold", requestVolumeThreshold,
                "failureRatio", 0.5, "delay", delayMillis, "successThreshold", successThreshold));
    }
}
