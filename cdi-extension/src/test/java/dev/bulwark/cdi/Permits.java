package dev.bulwark.cdi;

import dev.bulwark.api.RateLimitException;

/** Counts what a rate-limited method lets through. */
final class Permits {

    /** More calls than any limit in these tests allows, so a result of TRIES means "not limited". */
    static final int TRIES = 10;

    private Permits() {
    }

    /** Calls {@code call} {@link #TRIES} times and tells how many were permitted; the others must be rejected. */
    static int permitted(Runnable call) {
        int permitted = 0;
        for (int i = 0; i < TRIES; i++) {
            try {
                call.run();
                permitted++;
            } catch (RateLimitException rejected) {
                // counted by not counting
            }
        }
        return permitted;
    }
}
