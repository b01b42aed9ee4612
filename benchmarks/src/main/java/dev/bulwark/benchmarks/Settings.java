package dev.bulwark.benchmarks;

import java.time.Duration;

/** The one set of settings every contender is configured with, so that no library is measured doing less work. */
final class Settings {

    static final int MAX_RETRIES = 3;
    /** The breaker looks at the last 20 calls and opens at half of them failing. */
    static final int BREAKER_WINDOW = 20;
    static final double BREAKER_FAILURE_RATIO = 0.5;
    static final Duration BREAKER_DELAY = Duration.ofSeconds(5);
    static final int BULKHEAD_LIMIT = 10;
    /**
     * A fixed window of a billion permits a second: far above what two threads can ask for (one call takes
     * several nanoseconds), so the limiter is measured deciding, never refusing. Bulwark's ceiling is one permit
     * per nanosecond of the window, so this is also the highest limit every contender accepts.
     */
    static final int RATE_LIMIT = 1_000_000_000;
    static final Duration RATE_WINDOW = Duration.ofSeconds(1);
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Settings() {
    }
}
