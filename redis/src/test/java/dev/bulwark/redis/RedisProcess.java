package dev.bulwark.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server (or sentinel) process with any arguments, for the production topologies (TLS, ACL, Sentinel,
 * Cluster): started on a loopback port, ready once it accepts connections, killed as a crash would. Also runs
 * {@code redis-cli} and {@code openssl}, which the tests use to build the topology and its certificates.
 */
final class RedisProcess implements AutoCloseable {

    private final int port;
    private Process process;

    private RedisProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Starts {@code redis-server} with {@code args}, in {@code dir}, and waits until {@code port} accepts. */
    static RedisProcess start(Path dir, int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-server"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
            RedisProcess started = new RedisProcess(port, process);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!started.accepts()) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("redis-server " + command + " did not start on port " + port
                            + ": " + Files.readString(dir.resolve("redis-" + port + ".log")));
                }
                RedisServer.sleep(10);
            }
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
    }

    int port() {
        return port;
    }

    private boolean accepts() {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Kills the process at once, as a crash would. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** Runs {@code redis-cli args...} and returns what it printed. */
    static String cli(String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli"));
        command.addAll(List.of(args));
        return run(null, command);
    }

    /** Runs a command (openssl, redis-cli) in {@code dir}, failing with its output if it fails. */
    static String run(Path dir, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (dir != null) {
                builder.directory(dir.toFile());
            }
            Process p = builder.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + " (apt-get install redis-tools openssl)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
