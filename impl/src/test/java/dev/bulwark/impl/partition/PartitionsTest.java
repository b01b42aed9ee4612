package dev.bulwark.impl.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimitException;
import dev.bulwark.api.RateLimitType;
import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Invoker;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.metrics.MetricsRecorder;
import dev.bulwark.impl.ratelimit.RateLimitSpec;
import dev.bulwark.testing.VirtualTime;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The partitions' bound and eviction rules in virtual time: a running rate-limit window is a protection. */
class PartitionsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final Invoker ECHO = target -> target;

    private final VirtualTime time = new VirtualTime();
    private final AtomicInteger overflows = new AtomicInteger();
    private final Engine engine = time.engine().metrics(operation -> new MetricsRecorder() {
        @Override
        public Runnable counter(String name, String... tags) {
            return name.equals("ft.partitions.overflow.total") ? overflows::incrementAndGet : NOTHING;
        }
    }).build();

    private Partitions onePerSecond(int max) {
        return new Partitions("op", engine, max, id -> OperationSpec.builder("op")
                .rateLimit(RateLimitSpec.of(RateLimitType.FIXED, 1, SECOND)).build());
    }

    @Test
    void shouldNotEvictAPartitionWhoseRateLimitWindowIsStillRunning() throws Exception {
        Partitions partitions = onePerSecond(2);
        partitions.call("a", ECHO, "a", null);
        partitions.call("b", ECHO, "b", null);

        partitions.call("c", ECHO, "c", null);

        assertEquals(Set.of("a", "b"), partitions.ids(), "a and b keep their windows; c went to the overflow");
        assertEquals(1, overflows.get());
        assertThrows(RateLimitException.class, () -> partitions.call("a", ECHO, "a", null),
                "a's permit of this second is still spent");
    }

    @Test
    void shouldEvictTheLeastRecentlyUsedPartitionOnceItsWindowHasRunOut() throws Exception {
        Partitions partitions = onePerSecond(2);
        partitions.call("a", ECHO, "a", null);
        time.advance(SECOND / 2);
        partitions.call("b", ECHO, "b", null);
        time.advance(SECOND / 2);

        partitions.call("c", ECHO, "c", null);

        assertEquals(Set.of("b", "c"), partitions.ids(), "a was at rest, b's window still ran");
        assertEquals(0, overflows.get());
    }

    @Test
    void shouldHashKeysThatAreLongOrCarryASeparator() {
        assertEquals("tenant-1", PartitionKeys.id("tenant-1"));
        for (String key : new String[] {"a:b", "{x}", "*", "a\nb", "", " ", "~null", "x".repeat(65)}) {
            String id = PartitionKeys.id(key);
            assertTrue(id.startsWith("#") && id.length() == 65, key + " -> " + id);
        }
        assertEquals(PartitionKeys.NULL_ID, PartitionKeys.id(null));
        assertTrue(!PartitionKeys.id("a:b").equals(PartitionKeys.id("a:c")));
    }
}
