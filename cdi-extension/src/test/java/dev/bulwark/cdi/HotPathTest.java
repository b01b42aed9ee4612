package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a guarded call does not do: read config or build its operation; both happen once, at deployment. */
class HotPathTest {

    private WeldContainer weld;

    @AfterEach
    void stop() {
        WeldTesting.stop(weld, Map.of());
    }

    @Test
    void shouldBuildEveryOperationAtDeploymentAndReadNoConfigPerCall() throws Exception {
        weld = WeldTesting.start(Map.of(), Beans.Flaky.class, Beans.Handler.class);
        BulwarkRuntime runtime = weld.select(BulwarkRuntime.class).get();
        Map<java.lang.reflect.Method, GuardedCall> table = runtime.callsOf(Beans.Flaky.class);
        assertTrue(table.containsKey(Beans.Flaky.class.getMethod("succeedsOnThird")), table.keySet().toString());
        assertTrue(table.containsKey(Beans.Flaky.class.getMethod("withHandler", String.class)));

        Beans.Flaky flaky = weld.select(Beans.Flaky.class).get();
        Beans.CALLS.set(3); // from here on succeedsOnThird succeeds at once
        long readsBefore = CountingConfigSource.READS.get();
        for (int i = 0; i < 1_000; i++) {
            assertEquals("third", flaky.succeedsOnThird());
            flaky.withHandler("x");
        }
        assertEquals(readsBefore, CountingConfigSource.READS.get(), "config read during calls");
        assertTrue(readsBefore > 0, "the counting source is consulted at deployment, so it would see reads");
    }
}
