package dev.bulwark.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The permits of a FIXED limit counted by the windows the server put them in. The script takes a permit at the
 * server's {@code TIME}, which lies between the start and the end of the call that asked for it, and the test's
 * servers run on this machine's clock: a permit whose call began and ended in one window is that window's; a call
 * that spans an edge may be either's. So a window whose permits are shared exactly holds at most the limit inside it,
 * and at least the limit once the calls that span its edges are added (when callers never let a window go unused).
 */
final class FixedWindows {

    private final long windowMicros;
    private final ConcurrentLinkedQueue<long[]> permits = new ConcurrentLinkedQueue<>();

    FixedWindows(Duration window) {
        this.windowMicros = window.toNanos() / 1000;
    }

    /** Now on the clock the server's {@code TIME} reads (the wall clock), in microseconds since the epoch. */
    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    /** The window (counted from the epoch, as the FIXED script counts them) that {@code micros} lies in. */
    long windowOf(long micros) {
        return micros / windowMicros;
    }

    /** A permit taken by a call that began and ended at these times ({@link #nowMicros()}). */
    void permit(long beganMicros, long endedMicros) {
        permits.add(new long[] {beganMicros, endedMicros});
    }

    /** The permits whose calls began and ended in {@code window}: surely its own. */
    int inside(long window) {
        int n = 0;
        for (long[] p : permits) {
            n += windowOf(p[0]) == window && windowOf(p[1]) == window ? 1 : 0;
        }
        return n;
    }

    /** The permits whose calls span an edge of {@code window}: its own or a neighbour's. */
    int spanning(long window) {
        int n = 0;
        for (long[] p : permits) {
            long first = windowOf(p[0]);
            long last = windowOf(p[1]);
            n += first <= window && last >= window && first != last ? 1 : 0;
        }
        return n;
    }
}
