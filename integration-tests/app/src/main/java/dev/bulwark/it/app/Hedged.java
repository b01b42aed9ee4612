package dev.bulwark.it.app;

import dev.bulwark.api.Hedge;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;

/** A hedged asynchronous method whose first attempt hangs: the hedge, 50 ms later, answers for it. */
@ApplicationScoped
public class Hedged {

    /** The first attempt waits for {@code release} (10 s at most); each later one answers at once. */
    @Asynchronous
    @Hedge(delay = 50)
    public CompletionStage<String> call(AtomicInteger attempts, CountDownLatch release) throws InterruptedException {
        int attempt = attempts.incrementAndGet();
        if (attempt == 1) {
            release.await(10, TimeUnit.SECONDS);
        }
        return CompletableFuture.completedFuture("attempt " + attempt);
    }
}
