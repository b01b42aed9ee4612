package dev.bulwark.impl.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.AdaptiveAlgorithm;
import dev.bulwark.api.Guard;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;

/** The adaptive bulkhead through the programmatic API: the same gate as {@code @AdaptiveBulkhead}'s. */
class AdaptiveGuardTest {

    @Test
    void aCallOverTheLimitIsRejected() throws Exception {
        AtomicReference<Guard<String>> self = new AtomicReference<>();
        Guard<String> guard = Guard.<String>builder().withAdaptiveBulkhead(a -> a.algorithm(AdaptiveAlgorithm.AIMD)
                .initialLimit(1).maxLimit(1)).build();
        self.set(guard);
        // Inside the one place, a second (nested) call meets the limit.
        String outcome = guard.call(() -> {
            BulkheadException e = assertThrows(BulkheadException.class, () -> self.get().call(() -> "inner"));
            return e.getClass().getSimpleName();
        });
        assertEquals("BulkheadException", outcome);
        assertEquals("free again", guard.call(() -> "free again"));
    }

    @Test
    void withBothBulkheadsBuildIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Guard.<String>builder()
                .withBulkhead(b -> b.limit(2)).withAdaptiveBulkhead(a -> { }).build());
        assertTrue(e.getMessage().contains("exclude each other"), e.getMessage());
    }

    @Test
    void invalidOptionsAreNamedWhenBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Guard.<String>builder()
                .withAdaptiveBulkhead(a -> a.minLimit(0).maxLimit(5).initialLimit(9)).build());
        assertTrue(e.getMessage().contains("minLimit must be >= 1") && e.getMessage().contains("initialLimit"),
                e.getMessage());
    }
}
