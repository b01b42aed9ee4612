package dev.bulwark.cdi.definition;

import static dev.bulwark.cdi.definition.AnnotationParameters.nanos;

import dev.bulwark.api.AsynchronousNonBlocking;
import dev.bulwark.api.BeforeRetry;
import dev.bulwark.api.CircuitBreakerName;
import dev.bulwark.api.CustomBackoff;
import dev.bulwark.api.ExponentialBackoff;
import dev.bulwark.api.FibonacciBackoff;
import dev.bulwark.api.Guarded;
import dev.bulwark.api.Preset;
import dev.bulwark.api.RetryBudget;
import dev.bulwark.api.Shared;
import dev.bulwark.api.SlidingTimeWindow;
import dev.bulwark.api.SlowCall;
import dev.bulwark.api.RateLimit;
import dev.bulwark.api.RateLimitType;
import dev.bulwark.api.RetryWhen;
import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.circuitbreaker.CircuitBreakerSpec;
import dev.bulwark.impl.exception.ExceptionMatcher;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import dev.bulwark.impl.timeout.TimeoutSpec;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Turns the fault-tolerance annotations of one bean method, plus MicroProfile Config, into a validated
 * {@link MethodDefinition}. Depends on reflection and a {@link ConfigLookup} only, not on the portable
 * extension SPI, so a build-time (CDI Lite) extension can use it as it is.
 *
 * <p>A method-level annotation replaces the class-level one of the same kind. Every invalid value is added to
 * {@link Problems} with the class, method, annotation, parameter, value and what is allowed; reading goes on,
 * so one deployment reports all its problems.
 */
public final class DefinitionReader {

    /** Every annotation that makes a bean guarded. */
    public static final List<Class<? extends Annotation>> ANNOTATIONS = List.of(Retry.class, CircuitBreaker.class,
            Bulkhead.class, Timeout.class, Fallback.class, Asynchronous.class, RateLimit.class, Guarded.class,
            AsynchronousNonBlocking.class);

    /** The backoffs, of which a preset's retry brings one ({@code @ExponentialBackoff}) unless the method has its own. */
    private static final List<Class<? extends Annotation>> BACKOFFS = List.of(ExponentialBackoff.class,
            FibonacciBackoff.class, CustomBackoff.class);

    /** The annotations that refine one of {@link #ANNOTATIONS} and mean nothing without it. */
    public static final List<Class<? extends Annotation>> REFINEMENTS = List.of(ExponentialBackoff.class,
            FibonacciBackoff.class, CustomBackoff.class, RetryWhen.class, BeforeRetry.class,
            CircuitBreakerName.class, Shared.class, RetryBudget.class, SlidingTimeWindow.class, SlowCall.class);

    /** The config key that says which Redis {@code @Shared} state lives in. */
    public static final String REDIS_URL = "bulwark.redis.url";

    /** Every annotation this reads: a class with one of them is read (a refinement alone is a problem to report). */
    public static final List<Class<? extends Annotation>> READ = concat(ANNOTATIONS, REFINEMENTS);

    /** Finds the parameters of an annotation in force on a method, and where to report problems. */
    interface Lookup {
        /** The annotation's parameters on the method (its own, or its class's), or null if absent or disabled. */
        AnnotationParameters find(Class<? extends Annotation> type, Class<?> beanClass, Method method);

        /** The annotation on the method or its class, written or from a preset, whether enabled or not. */
        Annotation declared(Class<? extends Annotation> type, Class<?> beanClass, Method method);

        Problems problems();
    }

    private final ConfigLookup config;
    private final Problems problems;
    private final Enablement enablement;
    private final RetryReader retries;
    private final ExecutionReader executions;

    public DefinitionReader(ConfigLookup config, Problems problems) {
        this.config = config;
        this.problems = problems;
        this.enablement = new Enablement(config, problems);
        Lookup lookup = new Lookup() {
            @Override
            public AnnotationParameters find(Class<? extends Annotation> type, Class<?> beanClass, Method method) {
                return parameters(type, beanClass, method);
            }

            @Override
            public Annotation declared(Class<? extends Annotation> type, Class<?> beanClass, Method method) {
                return declaredOrPreset(type, beanClass, method);
            }

            @Override
            public Problems problems() {
                return problems;
            }
        };
        this.retries = new RetryReader(lookup);
        this.executions = new ExecutionReader(lookup);
    }

    private static List<Class<? extends Annotation>> concat(List<Class<? extends Annotation>> a,
            List<Class<? extends Annotation>> b) {
        List<Class<? extends Annotation>> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** Whether the class or one of its methods (inherited ones included) carries a fault-tolerance annotation. */
    public static boolean isGuarded(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<? extends Annotation> a : READ) {
                if (c.isAnnotationPresent(a)) {
                    return true;
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                for (Class<? extends Annotation> a : READ) {
                    if (m.isAnnotationPresent(a)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The definitions of every guarded business method of {@code beanClass}, inherited ones included. */
    public List<MethodDefinition> readGuarded(Class<?> beanClass) {
        reportUnreachable(beanClass);
        List<MethodDefinition> definitions = new ArrayList<>();
        for (Method method : businessMethods(beanClass)) {
            MethodDefinition definition = read(beanClass, method);
            if (definition.guarded()) {
                definitions.add(definition);
            }
        }
        return definitions;
    }

    /**
     * Reports each private or static method with a fault-tolerance annotation of its own: no interceptor reaches such
     * a method, so it would run unguarded without a word.
     */
    private void reportUnreachable(Class<?> beanClass) {
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                int mod = m.getModifiers();
                if (m.isSynthetic() || !Modifier.isPrivate(mod) && !Modifier.isStatic(mod)) {
                    continue;
                }
                for (Class<? extends Annotation> a : ANNOTATIONS) {
                    if (m.isAnnotationPresent(a)) {
                        problems.add(c.getName() + "." + m.getName() + "(): @" + a.getSimpleName() + " on a "
                                + (Modifier.isPrivate(mod) ? "private" : "static") + " method, which no interceptor "
                                + "reaches: it would run unguarded. Make it a non-private instance method of a bean");
                        break;
                    }
                }
            }
        }
    }

    /** The methods an interceptor can apply to: not private, not static, declared on the class or inherited. */
    static List<Method> businessMethods(Class<?> beanClass) {
        List<Method> methods = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // A REST client's generated bean: only its own methods (the interface's); its base class's are not the client's.
        Class<?> last = ClassNames.restClientInterface(beanClass) != null ? beanClass.getSuperclass() : Object.class;
        for (Class<?> c = beanClass; c != null && c != last; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                int mod = m.getModifiers();
                if (Modifier.isPrivate(mod) || Modifier.isStatic(mod) || m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                if (seen.add(m.getName() + Arrays.toString(m.getParameterTypes()))) {
                    methods.add(m);
                }
            }
        }
        return methods;
    }

    public MethodDefinition read(Class<?> beanClass, Method method) {
        RetryDefinition retry = retries.read(beanClass, method);
        AnnotationParameters breaker = parameters(CircuitBreaker.class, beanClass, method);
        String breakerName = breakerName(beanClass, method, breaker != null);
        AnnotationParameters rateLimit = parameters(RateLimit.class, beanClass, method);
        AnnotationParameters timeout = parameters(Timeout.class, beanClass, method);
        AnnotationParameters bulkhead = parameters(Bulkhead.class, beanClass, method);
        AnnotationParameters fallback = parameters(Fallback.class, beanClass, method);
        String shared = shared(beanClass, method, breaker != null || rateLimit != null);
        Execution execution = executions.read(beanClass, method, retry != null || breaker != null
                || rateLimit != null || timeout != null || bulkhead != null || fallback != null);
        RateLimitSpec limit = rateLimit == null ? null : rateLimit(rateLimit);
        if (shared != null && limit != null && limit.windowNanos() < 1_000_000) {
            problems.add(ClassNames.of(beanClass) + "." + method.getName() + "(): @Shared @RateLimit needs a window of at "
                    + "least 1 ms (the store counts time in microseconds), was " + limit.windowNanos() + " ns");
        }
        return new MethodDefinition(beanClass, method,
                retry,
                breakerWindows(beanClass, method,
                        breaker == null || breakerName == null ? null : circuitBreaker(breaker, breakerName)),
                limit,
                timeout == null ? null : timeout(timeout),
                bulkhead == null ? null : bulkhead(bulkhead),
                fallback == null ? null : fallback(fallback, beanClass, method),
                execution,
                shared);
    }

    /**
     * The name under which the method's rate limit and breaker are shared ({@code @Shared}), or null if they are
     * local. Sharing needs something to share and a store to share it in.
     */
    private String shared(Class<?> beanClass, Method method, boolean somethingToShare) {
        AnnotationParameters shared = parameters(Shared.class, beanClass, method);
        if (shared == null) {
            return null;
        }
        if (!somethingToShare) {
            problems.add(shared.where() + ": @Shared needs @RateLimit or @CircuitBreaker on the method or its class");
            return null;
        }
        if (config.get(REDIS_URL).isEmpty()) {
            problems.add(shared.where() + ": @Shared needs the config key " + REDIS_URL + " (the Redis replicas share "
                    + "state through, for example redis://127.0.0.1:6379), or Shared/enabled=false to keep every "
                    + "limit and breaker local");
            return null;
        }
        String name = shared.stringValue("value");
        if (name == null || name.isBlank()) {
            return ClassNames.of(beanClass) + "." + method.getName();
        }
        return name.trim();
    }

    /**
     * The name the method's breaker is registered under: its {@code @CircuitBreakerName}, or
     * {@code <class>.<method>}, or {@code <class>.<method>(<parameter types>)} when other methods of the class that
     * a {@code @CircuitBreaker} applies to have the same name. Null (a problem) for a name that is invalid.
     */
    private String breakerName(Class<?> beanClass, Method method, boolean breakerInForce) {
        AnnotationParameters named = parameters(CircuitBreakerName.class, beanClass, method);
        if (named != null) {
            if (declaredOrPreset(CircuitBreaker.class, beanClass, method) == null) {
                problems.add(named.where() + ": @CircuitBreakerName needs @CircuitBreaker on the method or its class");
                return null;
            }
            String name = named.stringValue("value");
            if (name == null || name.isBlank()) {
                named.invalid("value", "\"" + name + "\"", "must not be empty");
                return null;
            }
            return name.trim();
        }
        if (!breakerInForce) {
            return null;
        }
        String simple = ClassNames.of(beanClass) + "." + method.getName();
        for (Method other : businessMethods(beanClass)) {
            if (other.getName().equals(method.getName()) && !other.equals(method)
                    && declaredOrPreset(CircuitBreaker.class, beanClass, other) != null) {
                return simple + Arrays.stream(method.getParameterTypes()).map(Class::getTypeName)
                        .collect(java.util.stream.Collectors.joining(",", "(", ")"));
            }
        }
        return simple;
    }

    /**
     * Reports every breaker name that two methods use (a {@code @CircuitBreakerName} given twice, or one that is
     * another breaker's generated name): one name is one breaker, so operators would act on one and not the other.
     */
    public static void checkBreakerNames(List<MethodDefinition> definitions, Problems problems) {
        java.util.Map<String, MethodDefinition> byName = new java.util.HashMap<>();
        for (MethodDefinition d : definitions) {
            if (d.circuitBreaker() == null) {
                continue;
            }
            MethodDefinition other = byName.putIfAbsent(d.circuitBreaker().name(), d);
            if (other != null) {
                problems.add(d.where() + ": @CircuitBreakerName value \"" + d.circuitBreaker().name()
                        + "\" is also the breaker name of " + other.where() + "; each breaker needs its own name");
            }
        }
    }

    /** The parameters of annotation {@code type} in force on the method, or null if absent or disabled. */
    private AnnotationParameters parameters(Class<? extends Annotation> type, Class<?> beanClass, Method method) {
        // Written on the method, then the method's preset, then written on the class, then the class's preset.
        Annotation onMethod = method.getAnnotation(type);
        boolean fromPreset = false;
        if (onMethod == null) {
            onMethod = preset(type, beanClass, method, method.getAnnotation(Guarded.class), false);
            fromPreset = onMethod != null;
        }
        Annotation annotation = onMethod;
        if (annotation == null) {
            annotation = classLevel(type, beanClass, method);
            if (annotation == null) {
                annotation = preset(type, beanClass, method, (Guarded) classLevel(Guarded.class, beanClass, method), true);
                fromPreset = annotation != null;
            }
        }
        if (annotation == null || !enablement.enabled(type, beanClass, method)
                || fromPreset && !enablement.enabled(Guarded.class, beanClass, method)) {
            return null;
        }
        return new AnnotationParameters(annotation, beanClass, method, onMethod == null, config, problems);
    }

    /** {@link #declared} counting presets too. */
    private Annotation declaredOrPreset(Class<? extends Annotation> type, Class<?> beanClass, Method method) {
        Annotation written = declared(type, beanClass, method);
        if (written != null) {
            return written;
        }
        Annotation onMethod = preset(type, beanClass, method, method.getAnnotation(Guarded.class), false);
        return onMethod != null ? onMethod
                : preset(type, beanClass, method, (Guarded) classLevel(Guarded.class, beanClass, method), true);
    }

    /**
     * The annotation of {@code type} that {@code guarded} (on the method, or on the class) stands for, or null. A
     * preset's backoff and budget refine only the preset's own retry: none if the method or class has a
     * {@code @Retry} or a backoff of its own. The preset is {@code Guarded/value}, overridable by config.
     */
    private Annotation preset(Class<? extends Annotation> type, Class<?> beanClass, Method method, Guarded guarded,
            boolean classLevel) {
        if (guarded == null) {
            return null;
        }
        if (type == ExponentialBackoff.class || type == RetryBudget.class) {
            if (declared(Retry.class, beanClass, method) != null) {
                return null;
            }
            for (Class<? extends Annotation> backoff : BACKOFFS) {
                if (type == ExponentialBackoff.class && declared(backoff, beanClass, method) != null) {
                    return null;
                }
            }
        }
        Preset preset = new AnnotationParameters(guarded, beanClass, method, classLevel, config, problems)
                .enumValue("value", Preset.class);
        return preset == null ? null : Presets.expand(preset, type);
    }

    /** The annotation on the method, else on its bean class or declaring class; null if on neither. */
    static Annotation declared(Class<? extends Annotation> type, Class<?> beanClass, Method method) {
        Annotation onMethod = method.getAnnotation(type);
        return onMethod != null ? onMethod : classLevel(type, beanClass, method);
    }

    private static Annotation classLevel(Class<? extends Annotation> type, Class<?> beanClass, Method method) {
        Annotation a = beanClass.getAnnotation(type);
        return a != null ? a : method.getDeclaringClass().getAnnotation(type);
    }

    /**
     * {@code breaker} with its {@code @SlidingTimeWindow} and {@code @SlowCall}, if any; a refinement without a
     * {@code @CircuitBreaker} on the method or its class is a problem.
     */
    private CircuitBreakerSpec breakerWindows(Class<?> beanClass, Method method, CircuitBreakerSpec breaker) {
        AnnotationParameters window = parameters(SlidingTimeWindow.class, beanClass, method);
        AnnotationParameters slow = parameters(SlowCall.class, beanClass, method);
        boolean declared = declaredOrPreset(CircuitBreaker.class, beanClass, method) != null;
        for (AnnotationParameters refinement : new AnnotationParameters[] {window, slow}) {
            if (refinement != null && !declared) {
                problems.add(refinement.where() + ": @" + refinement.annotationName()
                        + " needs @CircuitBreaker on the method or its class");
            }
        }
        if (breaker == null) {
            return null;
        }
        CircuitBreakerSpec spec = breaker;
        boolean valid = true;
        if (window != null) {
            long length = window.longValue("value");
            ChronoUnit unit = window.unit("unit");
            int buckets = window.intValue("buckets");
            valid &= window.atLeast("value", length, 1);
            if (buckets < 1 || buckets > CircuitBreakerSpec.MAX_BUCKETS) {
                window.invalid("buckets", buckets, "must be between 1 and " + CircuitBreakerSpec.MAX_BUCKETS);
                valid = false;
            }
            long nanos = unit == null ? 0 : nanos(length, unit);
            if (valid && unit != null && nanos < buckets) {
                window.invalid("value", length + " " + unit.name(), "must be at least one nanosecond per bucket");
                valid = false;
            }
            valid &= unit != null;
            if (valid) {
                spec = spec.withTimeWindow(nanos, buckets);
            }
        }
        if (slow != null) {
            long threshold = slow.longValue("threshold");
            ChronoUnit unit = slow.unit("unit");
            double ratio = slow.doubleValue("ratio");
            valid &= slow.atLeast("threshold", threshold, 1);
            if (!(ratio > 0 && ratio <= 1)) {
                slow.invalid("ratio", ratio, "must be over 0 and at most 1");
                valid = false;
            }
            valid &= unit != null;
            if (valid) {
                spec = spec.withSlowCalls(nanos(threshold, unit), ratio);
            }
        }
        return valid ? spec : null;
    }

    /** The breaker is registered under {@code name}, so operators can read, force and reset it by method. */
    private CircuitBreakerSpec circuitBreaker(AnnotationParameters p, String name) {
        int volume = p.intValue("requestVolumeThreshold");
        double ratio = p.doubleValue("failureRatio");
        long delay = p.longValue("delay");
        int successThreshold = p.intValue("successThreshold");
        boolean valid = true;
        valid &= p.atLeast("requestVolumeThreshold", volume, 1);
        if (!(ratio >= 0 && ratio <= 1)) {
            p.invalid("failureRatio", ratio, "must be between 0 and 1");
            valid = false;
        }
        valid &= p.atLeast("delay", delay, 0);
        valid &= p.atLeast("successThreshold", successThreshold, 1);
        ExceptionMatcher failOn = ExceptionMatcher.of(p.throwables("failOn"), p.throwables("skipOn"));
        return valid ? new CircuitBreakerSpec(name, volume, ratio, 0, nanos(delay, p.unit("delayUnit")),
                successThreshold, failOn, List.of()) : null;
    }

    private RateLimitSpec rateLimit(AnnotationParameters p) {
        int value = p.intValue("value");
        long window = p.longValue("window");
        long minSpacing = p.longValue("minSpacing");
        int burst = p.intValue("burst");
        long maxWait = p.longValue("maxWait");
        RateLimitType type = p.enumValue("type", RateLimitType.class);
        // Every unit is read up front, so that a bad one is reported even when another value is bad too.
        ChronoUnit windowUnit = p.unit("windowUnit");
        ChronoUnit minSpacingUnit = p.unit("minSpacingUnit");
        ChronoUnit maxWaitUnit = p.unit("maxWaitUnit");
        boolean valid = true;
        valid &= p.atLeast("value", value, 1);
        valid &= p.atLeast("window", window, 1);
        valid &= p.atLeast("minSpacing", minSpacing, 0);
        valid &= p.atLeast("burst", burst, 0);
        valid &= p.atLeast("maxWait", maxWait, 0);
        if (valid && burst > 0 && type != RateLimitType.SMOOTH) {
            p.invalid("burst", burst, "must be 0 unless type is SMOOTH (type is " + type + ")", "type");
            valid = false;
        }
        long windowNanos = nanos(window, windowUnit);
        if (valid && value > windowNanos) {
            p.invalid("value", value, "must be at most one permit per nanosecond of the window (" + window + " "
                    + windowUnit + ")", "window", "windowUnit");
            valid = false;
        }
        if (valid && type == RateLimitType.ROLLING && value > RateLimitSpec.MAX_ROLLING_VALUE) {
            p.invalid("value", value, "must be <= " + RateLimitSpec.MAX_ROLLING_VALUE + " with type ROLLING", "type");
            valid = false;
        }
        if (!valid) {
            return null;
        }
        // The spec checks the same again; what is left for it (a SMOOTH bucket too long to count) is rare.
        try {
            return new RateLimitSpec(value, windowNanos,
                    nanos(minSpacing, minSpacingUnit), type, burst, nanos(maxWait, maxWaitUnit));
        } catch (IllegalArgumentException e) {
            p.invalid("value", value, "does not fit the other settings: " + e.getMessage());
            return null;
        }
    }

    private TimeoutSpec timeout(AnnotationParameters p) {
        long value = p.longValue("value");
        if (!p.atLeast("value", value, 0)) {
            return null;
        }
        return new TimeoutSpec(nanos(value, p.unit("unit")));
    }

    private BulkheadSpec bulkhead(AnnotationParameters p) {
        int value = p.intValue("value");
        int queue = p.intValue("waitingTaskQueue");
        boolean valid = true;
        valid &= p.atLeast("value", value, 1);
        valid &= p.atLeast("waitingTaskQueue", queue, 1);
        return valid ? new BulkheadSpec(value, queue) : null;
    }

    private FallbackDefinition fallback(AnnotationParameters p, Class<?> beanClass, Method method) {
        ExceptionMatcher applyOn = ExceptionMatcher.of(p.throwables("applyOn"), p.throwables("skipOn"));
        HandlerOrMethod choice = HandlerOrMethod.read(p, "fallbackMethod", Fallback.DEFAULT.class, "FallbackHandler");
        if (choice == null) {
            return null;
        }
        Class<?> handler = choice.handler();
        String methodName = choice.methodName();
        if (handler != null) {
            Type handled = FallbackMethods.handledType(handler);
            if (!FallbackMethods.compatible(handled, method)) {
                p.invalid("value", handler.getName(), "must handle the method's return type "
                        + method.getGenericReturnType().getTypeName() + " (it handles " + handled.getTypeName() + ")");
                return null;
            }
            return new FallbackDefinition(handler, null, applyOn);
        }
        Method target = FallbackMethods.find(beanClass, method, methodName);
        if (target == null) {
            p.invalid("fallbackMethod", methodName, "must name a method of " + method.getDeclaringClass().getName()
                    + " (or a superclass method visible from it, or an interface method) with the parameter "
                    + "types and return type of " + method.toGenericString());
            return null;
        }
        return new FallbackDefinition(null, target, applyOn);
    }
}
