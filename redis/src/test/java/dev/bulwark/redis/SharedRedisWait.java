package dev.bulwark.redis;

import java.util.function.BooleanSupplier;

/** Polls a condition in real time, for the tests that wait on a real server. */
final class SharedRedisWait {

    private SharedRedisWait() {
    }

    static void until(BooleanSupplier condition, long millis, String what) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + millis + " ms");
            }
            RedisServer.sleep(5);
        }
    }
}
