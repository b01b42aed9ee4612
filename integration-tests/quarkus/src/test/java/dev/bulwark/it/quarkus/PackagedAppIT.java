package dev.bulwark.it.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}) as an operator starts it:
 * config given at launch, after the build, is what the annotations are overridden with and validated against.
 */
class PackagedAppIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String MAX_RETRIES_ENV = "DEV_BULWARK_IT_APP_GUARDED_LAUNCHCONFIGURED_RETRY_MAXRETRIES";

    @Test
    void shouldApplyAnOverrideGivenAsAnEnvironmentVariableAtLaunch() throws Exception {
        int port = freePort();
        Process app = start(Map.of(MAX_RETRIES_ENV, "4", "QUARKUS_HTTP_PORT", String.valueOf(port)));
        try {
            String body = getWhenUp(port, "/ft/retry/launchConfigured", app);
            assertEquals("IllegalStateException after 5 attempts", body, "maxRetries = 4 from the environment");
        } finally {
            app.destroy();
            app.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldFailTheStartOnAnInvalidOverrideGivenAtLaunch() throws Exception {
        Process app = start(Map.of(MAX_RETRIES_ENV, "-7", "QUARKUS_HTTP_PORT", String.valueOf(freePort())));
        assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the app refused to start");
        String output = new String(app.getInputStream().readAllBytes());
        assertNotEquals(0, app.exitValue(), output);
        assertTrue(output.contains("FaultToleranceDefinitionException"), output);
        assertTrue(output.contains("dev.bulwark.it.app.Guarded.launchConfigured(): @Retry maxRetries must be >= -1,"
                + " was -7 (from config key dev.bulwark.it.app.Guarded/launchConfigured/Retry/maxRetries)"), output);
    }

    private static Process start(Map<String, String> env) throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString()).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String getWhenUp(int port, String path, Process app) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException notUpYet) {
                if (!app.isAlive() || System.nanoTime() > deadline) {
                    app.destroy();
                    throw new AssertionError("the app did not start: " + new String(app.getInputStream().readAllBytes()),
                            notUpYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
