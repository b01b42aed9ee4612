package dev.bulwark.impl.time;

import java.util.concurrent.TimeUnit;

/** How the synchronous driver waits between retries; the virtual time of bulwark-testing moves its clock instead. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = nanos -> TimeUnit.NANOSECONDS.sleep(nanos);

    void sleep(long nanos) throws InterruptedException;
}
