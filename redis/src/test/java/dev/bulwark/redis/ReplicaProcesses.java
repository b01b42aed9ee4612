package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Replica JVMs that start, connect and warm up at their own pace, say {@code READY}, and are then all given the same
 * schedule at once. A schedule fixed before the processes start would hold only if every JVM came up in time, which a
 * loaded 2-core CI machine does not promise: a replica that started late silently missed windows of the run.
 */
final class ReplicaProcesses implements AutoCloseable {

    static final String READY = "READY";

    private final List<Process> processes = new ArrayList<>();
    private final List<BufferedReader> outputs = new ArrayList<>();

    /** Starts {@code count} JVMs of {@code main} with each one's arguments and returns once every one is ready. */
    static ReplicaProcesses startReady(int count, Class<?> main, IntFunction<List<String>> args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ReplicaProcesses replicas = new ReplicaProcesses();
        for (int i = 0; i < count; i++) {
            List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "-XX:TieredStopAtLevel=1", main.getName()));
            command.addAll(args.apply(i));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            replicas.processes.add(process);
            replicas.outputs.add(new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
        }
        for (BufferedReader out : replicas.outputs) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(READY)) {
                // a replica's own chatter before it is ready
            }
            assertTrue(line != null, "a replica ended before it was ready");
        }
        return replicas;
    }

    /** Sends each replica its schedule (one line) and returns their last lines of output, in order. */
    List<String> run(IntFunction<String> schedule) throws IOException, InterruptedException {
        for (int i = 0; i < processes.size(); i++) {
            PrintStream in = new PrintStream(processes.get(i).getOutputStream(), true, StandardCharsets.UTF_8);
            in.println(schedule.apply(i));
        }
        List<String> last = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            String line;
            String previous = "";
            while ((line = outputs.get(i).readLine()) != null) {
                previous = line;
            }
            Process p = processes.get(i);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a replica hung");
            assertEquals(0, p.exitValue(), previous);
            last.add(previous);
        }
        return last;
    }

    /** Reads the schedule the test sends once every replica is ready: one line of epoch milliseconds. */
    static long[] awaitSchedule() throws IOException {
        System.out.println(READY);
        System.out.flush();
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        String[] words = line.trim().split(" ");
        long[] times = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            times[i] = Long.parseLong(words[i]);
        }
        return times;
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
