package dev.bulwark.cdi.definition;

import dev.bulwark.api.AdaptiveBulkhead;
import dev.bulwark.api.Hedge;
import dev.bulwark.api.PartitionedBy;
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
import dev.bulwark.api.RetryWhen;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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

    /**
     * Every strategy, with its reader: the one list a strategy joins (its refinements, if it has any, go in
     * {@link #REFINEMENTS}). The order is the order of their problems.
     */
    static final List<StrategyReader.Registration> STRATEGIES = List.of(
            new StrategyReader.Registration(Retry.class, RetryReader::new),
            new StrategyReader.Registration(CircuitBreaker.class, BreakerReader::new),
            new StrategyReader.Registration(RateLimit.class, RateLimitReader::new),
            new StrategyReader.Registration(Timeout.class, TimeoutReader::new),
            new StrategyReader.Registration(Bulkhead.class, BulkheadReader::new),
            new StrategyReader.Registration(Fallback.class, FallbackReader::new),
            new StrategyReader.Registration(AdaptiveBulkhead.class, AdaptiveBulkheadReader::new),
            new StrategyReader.Registration(Hedge.class, HedgeReader::new));

    /** Every annotation that makes a bean guarded: the strategies', and how calls run ({@code @Guarded}: presets). */
    public static final List<Class<? extends Annotation>> ANNOTATIONS = concat(
            STRATEGIES.stream().<Class<? extends Annotation>>map(StrategyReader.Registration::annotation).toList(),
            List.of(Asynchronous.class, Guarded.class, AsynchronousNonBlocking.class));

    /** The backoffs, of which a preset's retry brings one ({@code @ExponentialBackoff}) unless the method has its own. */
    private static final List<Class<? extends Annotation>> BACKOFFS = List.of(ExponentialBackoff.class,
            FibonacciBackoff.class, CustomBackoff.class);

    /** The annotations that refine one of {@link #ANNOTATIONS} and mean nothing without it. */
    public static final List<Class<? extends Annotation>> REFINEMENTS = List.of(ExponentialBackoff.class,
            FibonacciBackoff.class, CustomBackoff.class, RetryWhen.class, BeforeRetry.class,
            CircuitBreakerName.class, Shared.class, RetryBudget.class, SlidingTimeWindow.class, SlowCall.class,
            PartitionedBy.class);

    /** The config key that says which Redis {@code @Shared} state lives in. */
    public static final String REDIS_URL = SharedStoreSettings.URL;

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
    private final List<StrategyReader> strategies;
    private final ExecutionReader executions;
    private final PartitionReader partitions;

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
        this.strategies = STRATEGIES.stream().map(s -> s.reader().apply(lookup)).toList();
        this.executions = new ExecutionReader(lookup);
        this.partitions = new PartitionReader(config, problems);
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
        MethodDefinition.Builder definition = new MethodDefinition.Builder(beanClass, method);
        for (StrategyReader strategy : strategies) {
            strategy.read(definition);
        }
        String shared = shared(beanClass, method, definition.isInForce(CircuitBreaker.class)
                || definition.isInForce(RateLimit.class));
        Execution execution = executions.read(beanClass, method, definition.anyInForce());
        for (StrategyReader strategy : strategies) {
            strategy.check(definition, execution);
        }
        definition.partition(partitions.read(definition));
        RateLimitSpec limit = definition.rateLimit();
        if (shared != null && limit != null && limit.windowNanos() < 1_000_000) {
            problems.add(ClassNames.of(beanClass) + "." + method.getName() + "(): @Shared @RateLimit needs a window of at "
                    + "least 1 ms (the store counts time in microseconds), was " + limit.windowNanos() + " ns");
        }
        return definition.build(execution, shared);
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
}
