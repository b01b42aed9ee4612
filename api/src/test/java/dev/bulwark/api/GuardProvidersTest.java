package dev.bulwark.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.spi.GuardProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulwark-api alone (this module's tests have no engine): a clear error saying what to add, every time. */
class GuardProvidersTest {

    @Test
    void shouldFailWithTheArtifactToAddWhenNoEngineIsOnTheClassPath() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Guard::builder);
        assertEquals("No Bulwark engine found: add dev.bulwark:bulwark-impl (the same version as bulwark-api) to the"
                + " class path", e.getMessage());
    }

    @Test
    void shouldFailTheSameWayOnEveryCallNotWithAnInitializerError() {
        for (int i = 0; i < 3; i++) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> RetryBudgets.create(0.2, 10, java.time.Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains("dev.bulwark:bulwark-impl"), e.getMessage());
        }
    }

    @Test
    void shouldFailWithTheArtifactToAddWhenTheEngineIsBroken(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(GuardProvider.class.getName()), "dev.bulwark.impl.NoSuchProvider\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                GuardProvider.class.getClassLoader())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> GuardProviders.load(loader));
            assertTrue(e.getMessage().startsWith("The Bulwark engine could not be loaded: "), e.getMessage());
            assertTrue(e.getMessage().contains("NoSuchProvider"), e.getMessage());
            assertTrue(e.getMessage().endsWith("add dev.bulwark:bulwark-impl of the same version as bulwark-api"
                    + " to the class path, once"), e.getMessage());
            assertInstanceOf(ServiceConfigurationError.class, e.getCause());
        }
    }
}
