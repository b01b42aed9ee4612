package dev.bulwark.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.bulkhead.SemaphoreBulkhead;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A bulkhead of one place, raced for by two callers that each take it and give it back: never two inside at
 * once, and no place lost or made.
 */
@JCStressTest
@Outcome(id = {"1, 0", "0, 1", "1, 1"}, expect = ACCEPTABLE,
        desc = "at most one inside at any time; the place back afterwards")
@Outcome(expect = FORBIDDEN, desc = "two inside at once, or a place lost")
@State
public class BulkheadNeverOverfills {

    private final SemaphoreBulkhead bulkhead = new SemaphoreBulkhead(new BulkheadSpec(1, 1));
    private volatile int inside;
    private volatile boolean overfilled;

    private int enterAndLeave() {
        if (!bulkhead.tryAcquire()) {
            return 0;
        }
        if (++inside > 1) {
            overfilled = true;
        }
        inside--;
        bulkhead.release();
        return 1;
    }

    @Actor
    public void first(II_Result r) {
        r.r1 = enterAndLeave();
    }

    @Actor
    public void second(II_Result r) {
        r.r2 = enterAndLeave();
    }

    @Arbiter
    public void check(II_Result r) {
        if (overfilled || bulkhead.running() != 0) {
            r.r1 = -1; // forbidden
        }
        // Every one entered at most once; with one place, at least one of them got in.
        if (r.r1 + r.r2 == 0) {
            r.r1 = -2;
        }
    }
}
