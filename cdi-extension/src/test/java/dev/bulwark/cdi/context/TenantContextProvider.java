package dev.bulwark.cdi.context;

import java.util.Map;
import org.eclipse.microprofile.context.spi.ThreadContextController;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.eclipse.microprofile.context.spi.ThreadContextSnapshot;

/**
 * A thread-local value plugged into MP Context Propagation the way MDC and OpenTelemetry plug in: a
 * {@link ThreadContextProvider} found through the service loader.
 */
public class TenantContextProvider implements ThreadContextProvider {

    public static final ThreadLocal<String> TENANT = new ThreadLocal<>();

    @Override
    public ThreadContextSnapshot currentContext(Map<String, String> props) {
        return set(TENANT.get());
    }

    @Override
    public ThreadContextSnapshot clearedContext(Map<String, String> props) {
        return set(null);
    }

    private static ThreadContextSnapshot set(String tenant) {
        return () -> {
            String previous = TENANT.get();
            TENANT.set(tenant);
            ThreadContextController restore = () -> TENANT.set(previous);
            return restore;
        };
    }

    @Override
    public String getThreadContextType() {
        return "Tenant";
    }
}
