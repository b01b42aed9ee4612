package dev.bulwark.redis;

import dev.bulwark.api.PartitionedGuard;
import dev.bulwark.api.Guard;
import dev.bulwark.api.RateLimitException;
import dev.bulwark.api.RateLimitType;
import java.time.Duration;
import java.util.Arrays;

/**
 * One replica of {@link PartitionMultiProcessTest}, in a JVM of its own: a partitioned guard with a shared ROLLING
 * limit per key. Arguments: {@code url name permits startEpochMillis key...}. From the start time it tries twice the
 * limit for each key, in turn, and prints one line {@code GRANTED n n n ...} (one count per key, in order) and
 * whether the store answered throughout.
 */
public final class PartitionReplicaProcess {

    public static void main(String[] args) throws Exception {
        String name = args[1];
        int permits = Integer.parseInt(args[2]);
        long start = Long.parseLong(args[3]);
        String[] keys = Arrays.copyOfRange(args, 4, args.length);
        int[] granted = new int[keys.length];
        // What these replicas check is that the limit is shared exactly, not how a slow store is survived: a command
        // held up past the 50 ms default by a loaded 2-core machine (three JVMs and the server on it) would make the
        // replica decide locally for a second, which is right in production and a false failure here.
        try (RedisStore store = RedisStore.builder(args[0]).commandTimeout(Duration.ofSeconds(2)).build()) {
            PartitionedGuard<String> guard = Guard.<String>builder().name(name)
                    .withRateLimit(r -> r.limit(permits, Duration.ofMinutes(10)).type(RateLimitType.ROLLING)
                            .shared(store, name))
                    .buildPartitioned(1_000);
            long wait = start - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            for (int round = 0; round < 2 * permits; round++) {
                for (int k = 0; k < keys.length; k++) {
                    try {
                        guard.call(keys[k], () -> "ok");
                        granted[k]++;
                    } catch (RateLimitException refused) {
                        // this key's shared limit is spent
                    }
                }
            }
            StringBuilder out = new StringBuilder("GRANTED");
            for (int g : granted) {
                out.append(' ').append(g);
            }
            System.out.println(out.append(" SHARED ").append(store.available()));
        }
        System.out.flush();
        System.exit(0);
    }
}
