package dev.bulwark.cdi;

import dev.bulwark.cdi.definition.ConfigLookup;
import dev.bulwark.cdi.definition.DefinitionReader;
import dev.bulwark.cdi.definition.MethodDefinition;
import dev.bulwark.cdi.definition.Problems;
import dev.bulwark.cdi.fallback.Fallbacks;
import dev.bulwark.cdi.metrics.MetricsSetup;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.fallback.ContextualFallback;
import dev.bulwark.impl.fallback.FallbackSpec;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.interceptor.Interceptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The portable extension: binds Bulwark's interceptor to every bean class that carries a fault-tolerance
 * annotation, reads and validates each guarded method's definition once at deployment (reporting every
 * problem as a definition error), and builds one {@link Operation} per bean class and method, so that the
 * state of circuit breakers, bulkheads and rate limits is shared by every instance of the bean.
 */
public class BulwarkExtension implements Extension {

    /** Overrides the interceptor's priority. */
    public static final String PRIORITY_KEY = "mp.fault.tolerance.interceptor.priority";

    private final List<MethodDefinition> definitions = new ArrayList<>();
    private final Problems problems = new Problems();
    private final Map<Class<?>, Map<Method, GuardedCall>> calls = new ConcurrentHashMap<>();
    private ConfigLookup config;
    private Engine engine;
    private boolean metricsEnabled = true;

    void registerInterceptor(@Observes BeforeBeanDiscovery event, BeanManager beans) {
        config = configLookup();
        int priority = Interceptor.Priority.PLATFORM_AFTER + 10;
        Optional<String> configured = config.get(PRIORITY_KEY).map(String::trim);
        if (configured.isPresent()) {
            try {
                priority = Integer.parseInt(configured.get());
            } catch (NumberFormatException e) {
                problems.add("config key " + PRIORITY_KEY + " must be an int, was '" + configured.get() + "'");
            }
        }
        event.addInterceptorBinding(FaultToleranceBinding.class);
        event.addAnnotatedType(FaultToleranceInterceptor.class, FaultToleranceInterceptor.class.getName())
                .remove(a -> a.annotationType() == Priority.class)
                .add(new PriorityLiteral(priority));
    }

    <T> void bindGuardedTypes(@Observes ProcessAnnotatedType<T> event) {
        Class<T> type = event.getAnnotatedType().getJavaClass();
        if (!type.isInterface() && !type.isAnnotationPresent(Interceptor.class) && DefinitionReader.isGuarded(type)) {
            event.configureAnnotatedType().add(FaultToleranceBinding.Literal.INSTANCE);
        }
    }

    <T> void readDefinitions(@Observes ProcessManagedBean<T> event) {
        // bindGuardedTypes already scanned the class and marked it with our binding.
        if (!event.getAnnotatedBeanClass().isAnnotationPresent(FaultToleranceBinding.class)) {
            return;
        }
        Class<?> beanClass = event.getAnnotatedBeanClass().getJavaClass();
        DefinitionReader reader = new DefinitionReader(config, problems);
        for (Method method : businessMethods(beanClass)) {
            MethodDefinition definition = reader.read(beanClass, method);
            if (definition.guarded()) {
                definitions.add(definition);
            }
        }
    }

    void reportProblems(@Observes AfterBeanDiscovery event) {
        metricsEnabled = config.flag(MetricsSetup.METRICS_ENABLED, problems).orElse(true);
        if (!problems.isEmpty()) {
            event.addDefinitionError(problems.toException());
        }
    }

    void buildOperations(@Observes AfterDeploymentValidation event, BeanManager beans) {
        if (!problems.isEmpty()) {
            return;
        }
        Engine.Builder builder = Engine.builder().metrics(MetricsSetup.choose(metricsEnabled, beans));
        ContainerExecutor.find(beans).ifPresent(builder::executor);
        engine = builder.build();
        var requestContexts = beans.createInstance().select(RequestContextController.class);
        for (MethodDefinition d : definitions) {
            ContextualFallback fallback = d.fallback() == null ? null : Fallbacks.of(d.fallback(), beans);
            if (fallback != null && d.asynchronous()) {
                ContextualFallback plain = fallback;
                boolean future = returnsFuture(d.method());
                fallback = (context, failure) -> GuardedCall.toStage(plain.apply(context, failure), future);
            }
            OperationSpec spec = OperationSpec.builder(d.name())
                    .retry(d.retry())
                    .circuitBreaker(d.circuitBreaker())
                    .rateLimit(d.rateLimit())
                    .timeout(d.timeout())
                    .bulkhead(d.bulkhead())
                    .fallback(fallback == null ? null : new FallbackSpec(fallback, d.fallback().applyOn()))
                    .asynchronous(d.asynchronous())
                    .build();
            GuardedCall call = new GuardedCall(engine.operation(spec), d.asynchronous(),
                    returnsFuture(d.method()), requestContexts);
            calls.computeIfAbsent(d.beanClass(), c -> new ConcurrentHashMap<>()).put(d.method(), call);
        }
    }

    void shutdown(@Observes BeforeShutdown event) {
        calls.values().forEach(table -> table.values().forEach(call -> call.operation().release()));
        if (engine != null) {
            engine.close();
        }
    }

    /** The guarded calls of {@code beanClass}, keyed by method; empty for a class without any. */
    Map<Method, GuardedCall> callsOf(Class<?> beanClass) {
        return calls.getOrDefault(beanClass, Map.of());
    }

    /** Every guarded method read at deployment (for tests and diagnostics). */
    public List<MethodDefinition> definitions() {
        return List.copyOf(definitions);
    }

    private static boolean returnsFuture(Method method) {
        return method.getReturnType() == java.util.concurrent.Future.class;
    }

    /** The methods an interceptor can apply to: not private, not static, declared on the class or inherited. */
    static List<Method> businessMethods(Class<?> beanClass) {
        List<Method> methods = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                int mod = m.getModifiers();
                if (Modifier.isPrivate(mod) || Modifier.isStatic(mod) || m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                if (seen.add(m.getName() + java.util.Arrays.toString(m.getParameterTypes()))) {
                    methods.add(m);
                }
            }
        }
        return methods;
    }

    private static ConfigLookup configLookup() {
        Config config;
        try {
            config = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
        } catch (RuntimeException | LinkageError noConfig) {
            // Without an MP Config implementation, annotations apply as written.
            return ConfigLookup.NONE;
        }
        return key -> {
            Optional<String> value = config.getOptionalValue(key, String.class);
            return value.filter(v -> !v.isEmpty());
        };
    }
}
