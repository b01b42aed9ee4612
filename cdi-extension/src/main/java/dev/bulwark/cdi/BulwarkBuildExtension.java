package dev.bulwark.cdi;

import dev.bulwark.cdi.optional.OptionalApi;
import dev.bulwark.cdi.definition.DeploymentSettings;
import dev.bulwark.cdi.definition.ConfigLookup;
import dev.bulwark.cdi.definition.DefinitionReader;
import dev.bulwark.cdi.definition.Problems;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.util.Nonbinding;
import jakarta.enterprise.inject.build.compatible.spi.BeanInfo;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.ClassConfig;
import jakarta.enterprise.inject.build.compatible.spi.Discovery;
import jakarta.enterprise.inject.build.compatible.spi.Enhancement;
import jakarta.enterprise.inject.build.compatible.spi.InterceptorInfo;
import jakarta.enterprise.inject.build.compatible.spi.Messages;
import jakarta.enterprise.inject.build.compatible.spi.MetaAnnotations;
import jakarta.enterprise.inject.build.compatible.spi.MethodConfig;
import jakarta.enterprise.inject.build.compatible.spi.Registration;
import jakarta.enterprise.inject.build.compatible.spi.ScannedClasses;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.inject.build.compatible.spi.Synthesis;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.enterprise.inject.build.compatible.spi.Validation;
import jakarta.enterprise.lang.model.AnnotationInfo;
import jakarta.enterprise.lang.model.declarations.ClassInfo;
import jakarta.enterprise.lang.model.declarations.MethodInfo;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.lang.annotation.Annotation;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

/**
 * The CDI Lite front door (Quarkus ArC, which runs no portable extension). At build time it makes Bulwark's
 * interceptor and runtime known (our jar is not indexed), binds the interceptor to every class that carries a
 * fault-tolerance annotation, makes fallback handler classes beans, and fails the build
 * if another fault-tolerance implementation's interceptor is there too. The definitions themselves are read and
 * validated when the application starts ({@link StartupDefinitions}), because config overrides belong to the
 * running application, not to its build. Where the portable extension runs (Weld, Helidon), this one is skipped.
 */
@SkipIfPortableExtensionPresent(BulwarkExtension.class)
public class BulwarkBuildExtension implements BuildCompatibleExtension {

    private static final Set<String> BEAN_DEFINING = Set.of(
            "jakarta.enterprise.context.ApplicationScoped", "jakarta.enterprise.context.RequestScoped",
            "jakarta.enterprise.context.SessionScoped", "jakarta.enterprise.context.ConversationScoped",
            "jakarta.enterprise.context.Dependent", "jakarta.inject.Singleton");

    /** Classes given our binding at enhancement; only those that turn out to be beans are read at start. */
    private final Set<String> boundClasses = new TreeSet<>();
    private final Set<String> guardedBeans = new TreeSet<>();
    private final Problems problems = new Problems();
    /** The priority given to the interceptor at build time, which the config at start cannot change. */
    private int builtPriority = DeploymentSettings.DEFAULT_PRIORITY;

    /**
     * Makes every fault-tolerance annotation an interceptor binding that ArC sees (the MP FT API jar is not indexed),
     * each carrying our binding transitively: so Bulwark's interceptor applies wherever one is, also on classes no
     * enhancement visits (the beans quarkus-rest-client generates for REST client interfaces, which copy the
     * interface's annotations), and a user's own interceptor bound to {@code @Retry} works as on Weld.
     */
    @Discovery
    public void bindings(MetaAnnotations meta) {
        for (Class<? extends Annotation> annotation : DefinitionReader.ANNOTATIONS) {
            ClassConfig binding = meta.addInterceptorBinding(annotation);
            binding.addAnnotation(FaultToleranceBinding.class);
            for (MethodConfig member : binding.methods()) {
                if (!member.info().hasAnnotation(Nonbinding.class)) {
                    member.addAnnotation(Nonbinding.class);
                }
            }
        }
    }

    @Discovery
    public void discover(ScannedClasses scan) {
        scan.add(FaultToleranceBinding.class.getName());
        scan.add(FaultToleranceInterceptor.class.getName());
        scan.add(BulwarkRuntime.class.getName());
        scan.add(RequestContextActivator.class.getName());
        scan.add(CircuitBreakerMaintenanceBean.class.getName());
        if (OptionalApi.present(Integrations.HEALTH_API)) {
            scan.add(Integrations.HEALTH_CHECK);
        }
    }

    @Enhancement(types = Object.class, withSubtypes = true)
    public void bind(ClassConfig type) {
        ClassInfo info = type.info();
        if (info.name().equals(FaultToleranceInterceptor.class.getName())) {
            int priority = DeploymentSettings.interceptorPriority(ConfigLookup.microProfile(), problems);
            builtPriority = priority;
            type.removeAnnotation(a -> a.name().equals(Priority.class.getName()));
            // A literal, not AnnotationBuilder: the builder's service lookup fails where ArC's processor and the
            // CDI API are loaded by different class loaders (QuarkusUnitTest, quarkus-arquillian).
            type.addAnnotation(new PriorityLiteral(priority));
            return;
        }
        if (!info.isPlainClass() || info.hasAnnotation(Interceptor.class) || !guarded(info)) {
            return;
        }
        // No binding on the class itself: every fault-tolerance annotation carries ours (bindings() above), so the
        // interceptor applies exactly where one is in force, on the class or a method, inherited as CDI inherits
        // bindings. A class-level binding would also intercept the bean's other methods (and its calls to them from
        // a guarded one), each paying an invocation context for a lookup that finds nothing.
        boundClasses.add(info.name());
    }

    /**
     * A handler class without a scope would not be a bean in ArC's annotated discovery, and CDI Lite cannot
     * inject a non-bean. (That ArC keeps handler beans it sees no injection of is {@link BulwarkRuntime}'s doing.)
     */
    @Enhancement(types = FallbackHandler.class, withSubtypes = true)
    public void keepHandlers(ClassConfig type) {
        ClassInfo info = type.info();
        if (!info.isPlainClass() || info.isAbstract()) {
            return;
        }
        if (!info.hasAnnotation(a -> BEAN_DEFINING.contains(a.name()))) {
            type.addAnnotation(Dependent.class);
        }
    }

    /**
     * A vetoed, excluded or never-discovered class is not intercepted, so its annotations are not read. A bean class
     * that no enhancement bound (one another extension generated, such as a REST client's) is read when it carries a
     * fault-tolerance annotation, which binds it through the transitive binding.
     */
    @Registration(types = Object.class)
    public void collectGuardedBeans(BeanInfo bean) {
        if (!bean.isClassBean()) {
            return;
        }
        ClassInfo beanClass = bean.declaringClass();
        if (boundClasses.contains(beanClass.name()) || guarded(beanClass)) {
            guardedBeans.add(beanClass.name());
        }
    }

    @Registration(types = Object.class)
    public void detectOtherImplementations(InterceptorInfo interceptor) {
        ClassInfo declaration = interceptor.declaringClass();
        if (declaration != null) {
            OtherImplementations.conflict(declaration.name()).ifPresent(problems::add);
        }
    }

    @Synthesis
    public void registerDefinitions(SyntheticComponents components) {
        components.addBean(StartupDefinitions.class)
                .type(GuardedBeans.class)
                .type(StartupDefinitions.class)
                .scope(Singleton.class)
                .withParam(StartupDefinitions.CLASSES, guardedBeans.toArray(String[]::new))
                .withParam(StartupDefinitions.PRIORITY, builtPriority)
                .createWith(StartupDefinitions.Creator.class);
    }

    @Validation
    public void report(Messages messages) {
        if (!problems.isEmpty()) {
            messages.error(problems.toException());
        }
    }

    /** Whether the class, a superclass, or a method of either carries a fault-tolerance annotation. */
    private static boolean guarded(ClassInfo info) {
        for (ClassInfo c = info; c != null && !c.name().equals(Object.class.getName()); c = c.superClassDeclaration()) {
            if (c.hasAnnotation(BulwarkBuildExtension::faultTolerance)) {
                return true;
            }
            for (MethodInfo m : c.methods()) {
                if (m.hasAnnotation(BulwarkBuildExtension::faultTolerance)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean faultTolerance(AnnotationInfo annotation) {
        String name = annotation.name();
        for (Class<? extends Annotation> a : DefinitionReader.READ) {
            if (a.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

}
