package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimitType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three replicas as three JVM processes (not threads) on one real redis-server: together they get exactly the limit
 * per window for each type, and a breaker opened in one rejects in the others within 100 ms without calling.
 */
class MultiProcessTest {

    private static final int REPLICAS = 3;
    private static final int PERMITS = 40;
    private static final long WINDOW = 500;
    private static final int WINDOWS = 4;
    /** Kept clear at both ends of the run, so no replica's clock reading can put a call in a window outside it. */
    private static final long MARGIN = 40;

    @RegisterExtension
    static final RedisReplicas redis = new RedisReplicas(0);

    @ParameterizedTest
    @EnumSource(RateLimitType.class)
    void shouldGiveEveryReplicaTogetherTheLimitOnce(RateLimitType type) throws Exception {
        String name = "multi-" + type + "-" + UUID.randomUUID();
        // Starts a little after an epoch-aligned window begins (the FIXED windows are aligned so) and ends a little
        // before the WINDOWS-th one after it ends: the run lies in WINDOWS windows.
        long firstWindow = (System.currentTimeMillis() / WINDOW + 8) * WINDOW;
        long start = firstWindow + MARGIN;
        long end = firstWindow + WINDOWS * WINDOW - MARGIN;
        List<String> outputs = run(REPLICAS, i -> List.of("limit", redis.server().url(), name, type.name(),
                Integer.toString(PERMITS), Long.toString(WINDOW), Long.toString(start), Long.toString(end), "2"));
        int granted = 0;
        for (String out : outputs) {
            String[] words = out.trim().split(" ");
            assertEquals("GRANTED", words[0], out);
            assertEquals("true", words[5], "the replica shared the limit throughout: " + out);
            assertTrue(Long.parseLong(words[3]) > Long.parseLong(words[1]), "it asked for more than it got: " + out);
            granted += Integer.parseInt(words[1]);
        }
        // SMOOTH starts with a full bucket (PERMITS) and refills PERMITS per window.
        int most = type == RateLimitType.SMOOTH ? PERMITS * (WINDOWS + 1) : PERMITS * WINDOWS;
        System.out.println("multi-process " + type + ": " + REPLICAS + " replicas got " + granted + " permits, "
                + "the limit allows " + most + " (" + outputs + ")");
        assertTrue(granted <= most, type + ": " + granted + " permits, at most " + most + " allowed");
        assertTrue(granted >= most - PERMITS, type + ": " + granted + " permits, the replicas together were "
                + "refused much of what the limit allows (" + most + ")");
    }

    @Test
    void shouldRejectInEveryReplicaWithin100MillisOfAnOpening() throws Exception {
        String name = "multi-breaker-" + UUID.randomUUID();
        long start = System.currentTimeMillis() + 4_000;
        long openAt = start + 500;
        long end = openAt + 1_000;
        List<String> outputs = run(REPLICAS, i -> List.of("breaker", redis.server().url(), name,
                i == 0 ? "opener" : "follower", Long.toString(start), Long.toString(openAt), Long.toString(end)));
        long opened = Long.parseLong(outputs.get(0).trim().split(" ")[1]);
        assertTrue(opened >= openAt, outputs.get(0));
        for (String follower : outputs.subList(1, REPLICAS)) {
            String[] words = follower.trim().split(" ");
            long rejected = Long.parseLong(words[1]);
            assertTrue(rejected > 0, "a follower never saw the breaker open: " + follower);
            assertTrue(rejected - opened <= 100, "rejected " + (rejected - opened) + " ms after the opening: "
                    + follower);
            assertEquals("0", words[3], "the follower called the method after it rejected: " + follower);
            System.out.println("multi-process breaker: a follower rejected " + (rejected - opened)
                    + " ms after the opening");
        }
    }

    private interface Args {
        List<String> of(int replica);
    }

    /** Runs {@code count} replica processes at once and returns their last lines of output, in order. */
    private static List<String> run(int count, Args args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "-XX:TieredStopAtLevel=1", ReplicaProcess.class.getName()));
            command.addAll(args.of(i));
            processes.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        List<String> outputs = new ArrayList<>();
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a replica hung");
            assertEquals(0, p.exitValue(), out);
            String[] lines = out.trim().split("\n");
            outputs.add(lines[lines.length - 1]);
        }
        return outputs;
    }
}
