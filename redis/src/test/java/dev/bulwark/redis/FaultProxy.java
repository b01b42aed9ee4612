package dev.bulwark.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free loopback port in front of a real redis-server, whose link misbehaves on demand and heals:
 * latency on every byte, connections reset (and new ones refused the same way), a link that takes bytes and passes
 * none on without closing, and a slow drip. Plain sockets, two threads per direction of each connection
 * ({@link FaultLink}). Threads are named {@code fault-proxy-*}, so a test can tell them from the client's.
 */
final class FaultProxy implements AutoCloseable {

    /** What the link does to the bytes that cross it. */
    enum Fault {
        /** Passed on at once. */
        NONE,
        /** Each chunk held for the latency after it arrived, then passed on. */
        LATENCY,
        /** Every connection reset (RST) at once, and each new one as soon as it is accepted. */
        RESET,
        /** Bytes read and held, nothing passed on, nothing closed: a half-open link; healing passes them on. */
        STALL,
        /** One byte per drip interval. */
        DRIP
    }

    private static final AtomicInteger PROXIES = new AtomicInteger();

    private final int upstreamPort;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final String name = "fault-proxy-" + PROXIES.incrementAndGet();
    private final Set<FaultLink> links = ConcurrentHashMap.newKeySet();
    /** Every link ever made, to wait for its threads at close. */
    private final List<FaultLink> made = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong commands = new AtomicLong();
    private final Object changes = new Object();
    private volatile Fault fault = Fault.NONE;
    private volatile long delayNanos;
    private long generation;
    private volatile boolean closed;

    private FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static FaultProxy to(RedisServer server) {
        try {
            return new FaultProxy(server.port());
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on a loopback port", e);
        }
    }

    String url() {
        return "redis://127.0.0.1:" + listener.getLocalPort();
    }

    void latency(Duration latency) {
        set(Fault.LATENCY, latency.toNanos());
    }

    void reset() {
        set(Fault.RESET, 0);
        for (FaultLink link : List.copyOf(links)) {
            link.close(true);
        }
    }

    void stall() {
        set(Fault.STALL, 0);
    }

    void drip(Duration perByte) {
        set(Fault.DRIP, perByte.toNanos());
    }

    /** Back to a clean link: what was held is passed on at once, new connections are served. */
    void heal() {
        set(Fault.NONE, 0);
    }

    Fault fault() {
        return fault;
    }

    long delayNanos() {
        return delayNanos;
    }

    /** Redis commands (RESP arrays) read from the clients since the proxy started, whatever became of them. */
    long commands() {
        return commands.get();
    }

    void countCommands(long n) {
        commands.addAndGet(n);
    }

    /** Connections accepted since the proxy started, those reset at once included. */
    int accepted() {
        return accepted.get();
    }

    private void set(Fault next, long nanos) {
        synchronized (changes) {
            delayNanos = nanos;
            fault = next;
            generation++;
            changes.notifyAll();
        }
    }

    /** Waits up to {@code nanos} or until the fault changes, whichever is first. */
    void awaitChange(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        synchronized (changes) {
            long seen = generation;
            for (long left = nanos; generation == seen && left > 0; left = deadline - System.nanoTime()) {
                changes.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            if (fault == Fault.RESET) {
                FaultLink.resetAndClose(client);
                continue;
            }
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                FaultLink link = new FaultLink(this, client, server, name + "-" + accepted.get());
                links.add(link);
                made.add(link);
                link.start();
            } catch (IOException upstreamDown) {
                FaultLink.resetAndClose(client);
            }
        }
    }

    void forget(FaultLink link) {
        links.remove(link);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (FaultLink link : List.copyOf(links)) {
            link.close(false);
        }
        try {
            acceptor.join(2_000);
            for (FaultLink link : made) {
                link.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void quietly(Socket socket, boolean reset) {
        try {
            if (reset) {
                socket.setSoLinger(true, 0); // close() then sends RST, not FIN
            }
            socket.close();
        } catch (SocketException ignored) {
            // already closed
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
