package dev.bulwark.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bulwark.impl.bulkhead.BulkheadSpec;
import dev.bulwark.impl.bulkhead.QueueingBulkhead;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * The asynchronous bulkhead, one place and a queue of one, both taken: the running task finishes (handing its place
 * to the waiter) while the waiter is cancelled by a caller that then
 * submits a newcomer. The waiter either starts or is removed, never
 * both, never neither; the newcomer is queued or started only if there was room; afterwards, once everything that
 * started is finished, no place is held and nothing waits.
 *
 * <p>r1: the waiter started; r2: its cancel removed it; r3: the newcomer's admission (0 started, 1 queued, 2 rejected);
 * r4: places held or tasks waiting at the end (must be 0).
 */
@JCStressTest
@Outcome(id = {"1, 0, 1, 0", "0, 1, 0, 0", "0, 1, 1, 0"}, expect = ACCEPTABLE,
        desc = "the waiter started xor was removed; the newcomer admitted only into room; nothing held at the end")
@Outcome(expect = FORBIDDEN, desc = "the waiter both started and removed, or lost; a place or a queue entry leaked")
@State
public class QueueHandsOffOrCancels {

    private final QueueingBulkhead bulkhead = new QueueingBulkhead(new BulkheadSpec(1, 1));
    private volatile int waiterStarted;
    private volatile int newcomerStarted;
    private final Runnable waiter = () -> waiterStarted++;
    private final Runnable newcomer = () -> newcomerStarted++;

    public QueueHandsOffOrCancels() {
        bulkhead.submit(() -> { }); // the running task
        bulkhead.submit(waiter);
    }

    @Actor
    public void runningTaskFinishes() {
        bulkhead.release();
    }

    @Actor
    public void waiterCancelledThenNewcomer(IIII_Result r) {
        r.r2 = bulkhead.cancelWaiting(waiter) ? 1 : 0;
        r.r3 = bulkhead.submit(newcomer).ordinal();
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r1 = waiterStarted;
        // Every task that started finishes once; a queued newcomer is handed a place by the waiter's finish and must
        // then start, so the count is read again each round.
        for (int finished = 0; finished < waiterStarted + newcomerStarted; finished++) {
            bulkhead.release();
        }
        r.r4 = bulkhead.running() + bulkhead.waiting();
    }
}
