package dev.bulwark.cdi;

import dev.bulwark.cdi.optional.OptionalApi;
import dev.bulwark.cdi.definition.DeploymentSettings;
import dev.bulwark.cdi.definition.ClassNames;
import dev.bulwark.cdi.definition.ConfigLookup;
import dev.bulwark.cdi.definition.DefinitionReader;
import dev.bulwark.cdi.definition.MethodDefinition;
import dev.bulwark.cdi.definition.Problems;
import dev.bulwark.cdi.fallback.HandlerSource;
import dev.bulwark.cdi.fallback.UnmanagedHandlers;
import dev.bulwark.cdi.health.CircuitBreakerHealthCheck;
import dev.bulwark.cdi.metrics.BaseRegistryHolder;
import dev.bulwark.cdi.metrics.RegistryScopes;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.literal.InjectLiteral;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The portable extension (Weld SE, Helidon MP): binds Bulwark's interceptor to every bean class that carries a
 * fault-tolerance annotation, reads and validates each guarded method's definition at deployment (reporting
 * every problem as one definition error), and hands the definitions to {@link BulwarkRuntime}.
 */
public class BulwarkExtension implements Extension, GuardedBeans {

    /** Overrides the interceptor's priority. */
    public static final String PRIORITY_KEY = DeploymentSettings.INTERCEPTOR_PRIORITY;

    // ProcessManagedBean may be fired from several threads (Weld's concurrent deployment); what the observers share
    // is thread-safe, and read only after discovery has ended.
    private final List<MethodDefinition> definitions = new CopyOnWriteArrayList<>();
    private final Problems problems = new Problems();
    private ConfigLookup config;
    private BeanManager beanManager;
    private DeploymentSettings settings;

    void registerInterceptor(@Observes BeforeBeanDiscovery event, BeanManager beans) {
        beanManager = beans;
        config = ConfigLookup.microProfile();
        int priority = DeploymentSettings.interceptorPriority(config, problems);
        event.addInterceptorBinding(FaultToleranceBinding.class);
        // Each fault-tolerance annotation carries our binding transitively, so that Bulwark's interceptor is among
        // those resolved for its bindings wherever they are (an MP Rest Client implementation resolves interceptors by
        // the bindings of the interface's methods) and not only where this extension added our binding to a class.
        for (Class<? extends java.lang.annotation.Annotation> annotation : DefinitionReader.ANNOTATIONS) {
            if (annotation.isAnnotationPresent(jakarta.interceptor.InterceptorBinding.class)) {
                event.configureInterceptorBinding(annotation).add(FaultToleranceBinding.Literal.INSTANCE);
            }
        }
        event.addAnnotatedType(FaultToleranceInterceptor.class, FaultToleranceInterceptor.class.getName())
                .remove(a -> a.annotationType() == Priority.class)
                .add(new PriorityLiteral(priority));
        event.addAnnotatedType(BulwarkRuntime.class, BulwarkRuntime.class.getName());
        event.addAnnotatedType(RequestContextActivator.class, RequestContextActivator.class.getName());
        event.addAnnotatedType(CircuitBreakerMaintenanceBean.class, CircuitBreakerMaintenanceBean.class.getName());
        RegistryScopes.base().ifPresent(base -> event.addAnnotatedType(BaseRegistryHolder.class,
                BaseRegistryHolder.class.getName())
                .filterFields(f -> f.getJavaMember().getName().equals(BaseRegistryHolder.FIELD))
                .forEach(f -> f.add(InjectLiteral.INSTANCE).add(base)));
        if (OptionalApi.present(Integrations.HEALTH_API)) {
            event.addAnnotatedType(CircuitBreakerHealthCheck.class, CircuitBreakerHealthCheck.class.getName());
        }
    }

    <T> void bindGuardedTypes(@Observes ProcessAnnotatedType<T> event) {
        Class<T> type = event.getAnnotatedType().getJavaClass();
        if (!type.isInterface() && !type.isAnnotationPresent(Interceptor.class) && DefinitionReader.isGuarded(type)) {
            event.configureAnnotatedType().add(FaultToleranceBinding.Literal.INSTANCE);
        } else if (type.isInterface() && ClassNames.isRestClient(type) && DefinitionReader.isGuarded(type)) {
            // An MP Rest Client implementation makes the interface's bean itself and intercepts it by the bindings of
            // the interface's methods, which carry ours transitively: its definitions are read here, by its name.
            definitions.addAll(new DefinitionReader(config, problems).readGuarded(type));
        }
    }

    <T> void readDefinitions(@Observes ProcessManagedBean<T> event) {
        Class<?> beanClass = event.getAnnotatedBeanClass().getJavaClass();
        OtherImplementations.conflict(beanClass.getName()).ifPresent(problems::add);
        // bindGuardedTypes already scanned the class and marked it with our binding.
        if (event.getAnnotatedBeanClass().isAnnotationPresent(FaultToleranceBinding.class)) {
            definitions.addAll(new DefinitionReader(config, problems).readGuarded(beanClass));
        }
    }

    void reportProblems(@Observes AfterBeanDiscovery event) {
        settings = DeploymentSettings.read(config, problems);
        DefinitionReader.checkBreakerNames(definitions, problems);
        if (!problems.isEmpty()) {
            event.addDefinitionError(problems.toException());
        }
    }

    void buildOperations(@Observes AfterDeploymentValidation event, BeanManager beans) {
        if (problems.isEmpty()) {
            beans.createInstance().select(BulwarkRuntime.class).get().calls();
        }
    }

    @Override
    public List<MethodDefinition> definitions() {
        if (!problems.isEmpty()) {
            throw problems.toException();
        }
        return List.copyOf(definitions);
    }

    @Override
    public DeploymentSettings settings() {
        return settings;
    }

    @Override
    public HandlerSource notABean(Class<?> handlerClass) {
        return new UnmanagedHandlers(beanManager, handlerClass);
    }
}
