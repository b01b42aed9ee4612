package dev.bulwark.benchmarks.cdi;

import org.jboss.weld.environment.se.WeldContainer;

/**
 * Starts Weld SE with the benchmark beans and one fault-tolerance extension. Each extension is named only in
 * its own class, so a fork loads (and needs on its classpath) just the one it starts.
 */
final class Containers {

    private Containers() {
    }

    static WeldContainer start(String implementation) {
        switch (implementation) {
            case "bulwark":
                return BulwarkWeld.start(CdiBean.all());
            case "smallrye":
                return SmallRyeWeld.start(CdiBean.all());
            default:
                throw new IllegalArgumentException("unknown implementation " + implementation);
        }
    }
}
