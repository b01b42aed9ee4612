package dev.bulwark.benchmarks.cdi;

import io.smallrye.config.inject.ConfigExtension;
import io.smallrye.faulttolerance.FaultToleranceExtension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** Weld SE with SmallRye Fault Tolerance's CDI extension and SmallRye Config's, both added by hand. */
final class SmallRyeWeld {

    private SmallRyeWeld() {
    }

    static WeldContainer start(Class<?>... beans) {
        return new Weld("smallrye").disableDiscovery().addExtension(new FaultToleranceExtension())
                .addExtension(new ConfigExtension()).addBeanClasses(beans).initialize();
    }
}
