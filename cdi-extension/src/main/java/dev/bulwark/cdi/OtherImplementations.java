package dev.bulwark.cdi;

import java.util.Map;
import java.util.Optional;

/**
 * The interceptors of the other MicroProfile Fault Tolerance implementations. With one of them deployed beside
 * Bulwark, every guarded call would be guarded twice (two retries, two breakers, two timeouts), so both front
 * doors fail the deployment instead, with this message.
 */
final class OtherImplementations {

    private static final Map<String, String> INTERCEPTORS = Map.of(
            "io.smallrye.faulttolerance.FaultToleranceInterceptor",
            "SmallRye Fault Tolerance: remove io.smallrye:smallrye-fault-tolerance (on Quarkus, the extension"
                    + " io.quarkus:quarkus-smallrye-fault-tolerance)",
            "io.helidon.microprofile.faulttolerance.CommandInterceptor",
            "Helidon MP Fault Tolerance: remove io.helidon.microprofile:helidon-microprofile-fault-tolerance"
                    + " (use helidon-microprofile-core, or exclude it from the full bundle)");

    private OtherImplementations() {
    }

    /** The definition problem for a deployment that has the interceptor {@code className}, if it is another's. */
    static Optional<String> conflict(String className) {
        String other = INTERCEPTORS.get(className);
        return other == null ? Optional.empty() : Optional.of("Two MicroProfile Fault Tolerance implementations are"
                + " deployed: Bulwark and " + other + ". Each would guard every call, so every call would be"
                + " guarded twice; keep only one (interceptor " + className + ")");
    }
}
