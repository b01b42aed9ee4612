package dev.bulwark.cdi;

import dev.bulwark.cdi.definition.DeploymentSettings;
import dev.bulwark.cdi.definition.BuildTimePriority;
import dev.bulwark.cdi.definition.ConfigLookup;
import dev.bulwark.cdi.definition.DefinitionReader;
import dev.bulwark.cdi.definition.MethodDefinition;
import dev.bulwark.cdi.definition.Problems;
import dev.bulwark.cdi.fallback.ConstructedHandlers;
import dev.bulwark.cdi.fallback.HandlerSource;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;
import java.util.ArrayList;
import java.util.List;

/**
 * The definitions behind the build-compatible extension: the classes it bound at build time, read with the
 * config of the running application when the application starts. Reading happens in the bean's creation, so
 * every problem fails the start in one {@code FaultToleranceDefinitionException}, as on Weld.
 */
public final class StartupDefinitions implements GuardedBeans {

    static final String CLASSES = "classes";
    static final String PRIORITY = "interceptorPriority";

    private static final System.Logger LOG = System.getLogger(StartupDefinitions.class.getName());

    private final List<MethodDefinition> definitions;
    private final DeploymentSettings settings;

    StartupDefinitions(List<MethodDefinition> definitions, DeploymentSettings settings) {
        this.definitions = List.copyOf(definitions);
        this.settings = settings;
    }

    /** Reads every guarded method of {@code classNames}; throws listing every problem. */
    static StartupDefinitions read(String[] classNames, ConfigLookup config) {
        Problems problems = new Problems();
        DefinitionReader reader = new DefinitionReader(config, problems);
        List<MethodDefinition> definitions = new ArrayList<>();
        for (String name : classNames) {
            definitions.addAll(reader.readGuarded(load(name)));
        }
        DefinitionReader.checkBreakerNames(definitions, problems);
        DeploymentSettings settings = DeploymentSettings.read(config, problems);
        if (!problems.isEmpty()) {
            throw problems.toException();
        }
        return new StartupDefinitions(definitions, settings);
    }

    private static Class<?> load(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(name, false, loader != null ? loader : StartupDefinitions.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Bulwark: class " + name + ", bound at build time, is not there at run"
                    + " time", e);
        }
    }

    @Override
    public List<MethodDefinition> definitions() {
        return definitions;
    }

    @Override
    public DeploymentSettings settings() {
        return settings;
    }

    @Override
    public HandlerSource notABean(Class<?> handlerClass) {
        return new ConstructedHandlers(handlerClass);
    }

    /** Creates the bean from the build's parameters. */
    public static final class Creator implements SyntheticBeanCreator<StartupDefinitions> {
        @Override
        public StartupDefinitions create(Instance<Object> lookup, Parameters params) {
            ConfigLookup config = ConfigLookup.microProfile();
            BuildTimePriority.warning(params.get(PRIORITY, Integer.class, DeploymentSettings.DEFAULT_PRIORITY), config)
                    .ifPresent(warning -> LOG.log(System.Logger.Level.WARNING, warning));
            return read(params.get(CLASSES, String[].class), config);
        }
    }
}
