package dev.bulwark.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bulwark.impl.timeout.TimeoutWatchdog;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * The timeout watchdog ticks while a caller makes two timed calls on one thread: the first is due at once, the second
 * is not (time stands still at 0). The first either disarms before the watchdog fires it (and is never interrupted)
 * or is fired (and is told so, the interrupt swallowed); the second, which reuses the first's slot, is never fired
 * by a tick that read the first arming; no interrupt ever leaks out of a call.
 *
 * <p>r1: the first call was told it timed out; r2: the second was; r3: the thread was interrupted after the calls, or
 * before a disarm that said "in time" (2); r4: the thread came in interrupted (a leak from an earlier round).
 */
@JCStressTest
@Outcome(id = {"0, 0, 0, 0", "1, 0, 0, 0"}, expect = ACCEPTABLE,
        desc = "the first disarmed in time or was fired and told so; the second never fired; nothing leaked")
@Outcome(expect = FORBIDDEN, desc = "a finished call interrupted, a fresh arming fired, or an interrupt leaked")
@State
public class WatchdogFiresOrDisarms {

    private final TimeoutWatchdog watchdog = TimeoutWatchdog.driven(() -> 0L);

    @Actor
    public void caller(IIII_Result r) {
        r.r4 = Thread.interrupted() ? 1 : 0;
        TimeoutWatchdog.Slot due = watchdog.arm(0);
        boolean interruptedBefore = Thread.currentThread().isInterrupted();
        boolean timedOut = watchdog.disarm(due);
        r.r1 = timedOut ? 1 : 0;
        TimeoutWatchdog.Slot later = watchdog.arm(1_000_000_000L);
        r.r2 = watchdog.disarm(later) ? 1 : 0;
        r.r3 = Thread.interrupted() ? 1 : interruptedBefore && !timedOut ? 2 : 0;
    }

    @Actor
    public void watchdog() {
        watchdog.tick();
        watchdog.tick();
    }
}
