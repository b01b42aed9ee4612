package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-key limits across processes: three JVMs on one real redis-server, each trying twice the limit for every key at
 * the same time, get together exactly the limit per key, keys a caller could craft included.
 */
class PartitionMultiProcessTest {

    private static final int REPLICAS = 3;
    private static final int PERMITS = 20;

    @RegisterExtension
    static final RedisReplicas redis = new RedisReplicas(0);

    @Test
    void shouldGiveTheReplicasTogetherExactlyEachKeysLimit() throws Exception {
        String name = "partitioned-" + UUID.randomUUID();
        List<String> keys = List.of("tenant-1", "tenant-2", "a:b", "{a}", "*", "tenant-1 ", "x".repeat(200));
        long start = System.currentTimeMillis() + 4_000;
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "-XX:TieredStopAtLevel=1", PartitionReplicaProcess.class.getName(), redis.server().url(), name,
                    Integer.toString(PERMITS), Long.toString(start)));
            command.addAll(keys);
            processes.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        int[] total = new int[keys.size()];
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a replica hung");
            assertEquals(0, p.exitValue(), out);
            String[] words = out.split("\n")[out.split("\n").length - 1].split(" ");
            assertEquals("GRANTED", words[0], out);
            assertEquals("true", words[words.length - 1], "the replica shared the limit throughout: " + out);
            for (int k = 0; k < keys.size(); k++) {
                total[k] += Integer.parseInt(words[1 + k]);
            }
        }
        for (int k = 0; k < keys.size(); k++) {
            assertEquals(PERMITS, total[k], "key #" + k + ": the three replicas together, exactly the limit");
        }
        System.out.println("partitions across " + REPLICAS + " processes: " + keys.size() + " keys, each granted "
                + PERMITS + " of " + (REPLICAS * 2 * PERMITS) + " tries");
    }
}
