package dev.bulwark.it.app;

import dev.bulwark.api.AdaptiveBulkhead;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An adaptive bulkhead held at one place, so a second caller meets its limit. */
@ApplicationScoped
public class Adaptive {

    /** Counts down {@code entered}, then holds its place until {@code release} opens (or 10 s pass). */
    @AdaptiveBulkhead(initialLimit = 1, maxLimit = 1)
    public String hold(CountDownLatch entered, CountDownLatch release) throws InterruptedException {
        entered.countDown();
        return release.await(10, TimeUnit.SECONDS) ? "held" : "timed out";
    }
}
