package dev.bulwark.benchmarks.cdi;

import dev.bulwark.cdi.BulwarkExtension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** Weld SE with Bulwark; without discovery Weld reads no services file, so the extension is added by hand. */
final class BulwarkWeld {

    private BulwarkWeld() {
    }

    static WeldContainer start(Class<?>... beans) {
        return new Weld("bulwark").disableDiscovery().addExtension(new BulwarkExtension()).addBeanClasses(beans)
                .initialize();
    }
}
