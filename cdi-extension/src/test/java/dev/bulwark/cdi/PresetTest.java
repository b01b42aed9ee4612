package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.CircuitBreakerMaintenance;
import dev.bulwark.api.Guarded;
import dev.bulwark.api.Preset;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/** {@code @Guarded} presets: what they expand to, what wins over them, and their config. */
class PresetTest {

    @ApplicationScoped
    public static class Clients {
        @Guarded(Preset.HTTP_INTERNAL)
        public void internal() {
            FailingCalls.fail();
        }

        @Guarded(Preset.HTTP_INTERNAL)
        @Retry(maxRetries = 0)
        public void ownRetry() {
            FailingCalls.fail();
        }

        @Guarded(Preset.DATABASE)
        public void database() {
            FailingCalls.fail();
        }

        @Guarded(Preset.CACHE)
        public void cache() throws InterruptedException {
            Thread.sleep(5_000);
        }
    }

    @Guarded(Preset.MESSAGE_BROKER)
    @ApplicationScoped
    public static class Publisher {
        public void publish() {
            FailingCalls.fail();
        }
    }

    private static Map<String, String> fast(Class<?> type, String method) {
        // The preset's delays shortened for the test; everything else as expanded.
        Map<String, String> config = new HashMap<>();
        config.put(type.getName() + (method == null ? "" : "/" + method) + "/Retry/delay", "0");
        config.put(type.getName() + (method == null ? "" : "/" + method) + "/Retry/jitter", "0");
        return config;
    }

    @Test
    void shouldExpandToARetryATimeoutAndABreaker() {
        try (Deployment d = Deployment.of(fast(Clients.class, "internal"), Clients.class)) {
            assertEquals(3, FailingCalls.attempts(d.bean(Clients.class)::internal), "HTTP_INTERNAL retries twice");
            assertTrue(d.bean(CircuitBreakerMaintenance.class).names()
                    .contains(Clients.class.getName() + ".internal"), "and has a breaker");
        }
    }

    @Test
    void shouldTimeOutAsThePresetSays() {
        try (Deployment d = Deployment.of(Clients.class)) {
            long start = System.nanoTime();
            assertThrows(TimeoutException.class, d.bean(Clients.class)::cache);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 200 && millis < 2_000, "CACHE times out after 200 ms and does not retry: " + millis);
        }
    }

    @Test
    void shouldLetAnExplicitAnnotationWinForItsOwnStrategy() {
        try (Deployment d = Deployment.of(Clients.class)) {
            assertEquals(1, FailingCalls.attempts(d.bean(Clients.class)::ownRetry), "@Retry(maxRetries = 0) beats the preset");
            assertEquals(1, FailingCalls.attempts(d.bean(Clients.class)::database), "DATABASE does not retry");
        }
    }

    @Test
    void shouldOverrideAnExpandedValueTheMpFtWay() {
        Map<String, String> config = fast(Clients.class, "internal");
        config.put(Clients.class.getName() + "/internal/Retry/maxRetries", "4");
        try (Deployment d = Deployment.of(config, Clients.class)) {
            assertEquals(5, FailingCalls.attempts(d.bean(Clients.class)::internal));
        }
        config = fast(Clients.class, "internal");
        config.put(Clients.class.getName() + "/internal/Guarded/value", "DATABASE");
        try (Deployment d = Deployment.of(config, Clients.class)) {
            assertEquals(1, FailingCalls.attempts(d.bean(Clients.class)::internal), "another preset, chosen by config");
        }
        config = fast(Clients.class, "internal");
        config.put("Guarded/enabled", "false");
        try (Deployment d = Deployment.of(config, Clients.class)) {
            assertEquals(1, FailingCalls.attempts(d.bean(Clients.class)::internal), "presets off");
        }
    }

    @Test
    void shouldExpandAClassLevelPresetWithClassLevelKeys() {
        Map<String, String> config = fast(Publisher.class, null);
        config.put(Publisher.class.getName() + "/Retry/maxRetries", "1");
        try (Deployment d = Deployment.of(config, Publisher.class)) {
            assertEquals(2, FailingCalls.attempts(d.bean(Publisher.class)::publish), "the class key applies to a class preset");
        }
    }

    @Test
    void shouldRefuseAnUnknownPreset() {
        String key = Clients.class.getName() + "/internal/Guarded/value";
        String message = DefinitionErrors.definitionError(Map.of(key, "MAINFRAME"), Clients.class).getMessage();
        assertTrue(message.contains(key) && message.contains("MAINFRAME"), message);
    }
}
