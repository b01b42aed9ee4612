package dev.bulwark.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One proxied connection: for each direction a reader that takes every byte as it comes (so the sender's writes
 * always succeed, as over a link that accepts and loses them) and a writer that passes the bytes on as the
 * proxy's fault allows.
 */
final class FaultLink {

    private final FaultProxy proxy;
    private final Socket client;
    private final Socket server;
    private final Thread[] threads;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Bytes read at one time, and when, for the latency. */
    private record Chunk(byte[] bytes, long arrivedNanos) {
    }

    FaultLink(FaultProxy proxy, Socket client, Socket server, String name) throws IOException {
        this.proxy = proxy;
        this.client = client;
        this.server = server;
        // Without it Nagle's algorithm and delayed ACKs add their own 40 ms to every small command.
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        Direction up = new Direction(client.getInputStream(), server.getOutputStream(), true);
        Direction down = new Direction(server.getInputStream(), client.getOutputStream(), false);
        threads = new Thread[] {thread(up::read, name + "-up-read"), thread(up::write, name + "-up-write"),
            thread(down::read, name + "-down-read"), thread(down::write, name + "-down-write")};
    }

    private static Thread thread(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    void start() {
        for (Thread t : threads) {
            t.start();
        }
    }

    /** Closes both sockets; {@code reset} sends RST to both ends instead of an orderly FIN. */
    void close(boolean reset) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        FaultProxy.quietly(client, reset);
        FaultProxy.quietly(server, reset);
        // Readers wake on their closed socket; writers may be waiting for a chunk or for the fault to change.
        threads[1].interrupt();
        threads[3].interrupt();
        proxy.forget(this);
    }

    void join() throws InterruptedException {
        for (Thread t : threads) {
            t.join(2_000);
        }
    }

    static void resetAndClose(Socket socket) {
        FaultProxy.quietly(socket, true);
    }

    private final class Direction {
        private final InputStream in;
        private final OutputStream out;
        private final boolean requests;
        private final BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
        private byte last = '\n';

        Direction(InputStream in, OutputStream out, boolean requests) {
            this.in = in;
            this.out = out;
            this.requests = requests;
        }

        void read() {
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    if (requests) {
                        count(buffer, n);
                    }
                    chunks.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime()));
                }
            } catch (IOException closedOrReset) {
                // the link is over
            } finally {
                close(false);
            }
        }

        /** A command is a RESP array: a '*' at the start of a line (Lua text has none there). */
        private void count(byte[] buffer, int n) {
            long found = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '*' && last == '\n') {
                    found++;
                }
                last = buffer[i];
            }
            proxy.countCommands(found);
        }

        void write() {
            try {
                while (true) {
                    deliver(chunks.take());
                }
            } catch (InterruptedException | IOException over) {
                // closed, or the other end went away
            } finally {
                close(false);
            }
        }

        private void deliver(Chunk chunk) throws IOException, InterruptedException {
            byte[] bytes = chunk.bytes();
            int off = 0;
            while (off < bytes.length) {
                switch (proxy.fault()) {
                    case LATENCY -> {
                        long wait = chunk.arrivedNanos() + proxy.delayNanos() - System.nanoTime();
                        if (wait > 0) {
                            proxy.awaitChange(wait);
                            continue;
                        }
                    }
                    case STALL -> {
                        proxy.awaitChange(1_000_000_000L);
                        continue;
                    }
                    case DRIP -> {
                        out.write(bytes[off++]);
                        out.flush();
                        proxy.awaitChange(proxy.delayNanos());
                        continue;
                    }
                    default -> {
                        // NONE, or RESET (this link is being closed): pass the rest on
                    }
                }
                out.write(bytes, off, bytes.length - off);
                off = bytes.length;
            }
            out.flush();
        }
    }
}
