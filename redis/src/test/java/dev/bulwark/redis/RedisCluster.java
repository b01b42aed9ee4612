package dev.bulwark.redis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Redis Cluster of masters only on loopback ports ({@code redis-cli --cluster create}), and what the tests ask of its
 * nodes: commands to one node, the slot of a key as the server hashes it, the master that owns a slot, and the error
 * replies the nodes counted. Nodes are numbered from 0 in the order they were started. Public, with
 * {@link #start}, {@link #url} and {@link #close}, for the benchmarks that repeat the shared rate limit on a cluster.
 */
public final class RedisCluster implements AutoCloseable {

    private final List<RedisProcess> nodes;

    private RedisCluster(List<RedisProcess> nodes) {
        this.nodes = nodes;
    }

    /** Starts {@code masters} nodes in {@code dir}, joins them into one cluster and waits until every node says ok. */
    public static RedisCluster start(Path dir, int masters) {
        List<RedisProcess> nodes = new ArrayList<>();
        List<String> create = new ArrayList<>(List.of("--cluster", "create"));
        try {
            for (int i = 0; i < masters; i++) {
                int port = RedisServer.freePort();
                nodes.add(RedisProcess.start(dir, port, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                        "--cluster-node-timeout", "2000", "--save", "", "--appendonly", "no"));
                create.add("127.0.0.1:" + port);
            }
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            RedisProcess.cli(create.toArray(String[]::new));
            RedisCluster cluster = new RedisCluster(nodes);
            for (int i = 0; i < masters; i++) {
                int node = i;
                SharedRedisWait.until(() -> cluster.cli(node, "cluster", "info").contains("cluster_state:ok"), 10_000,
                        "the cluster is up on " + cluster.port(node));
            }
            return cluster;
        } catch (RuntimeException | Error e) {
            nodes.forEach(RedisProcess::kill);
            throw e;
        }
    }

    public int size() {
        return nodes.size();
    }

    int port(int node) {
        return nodes.get(node).port();
    }

    public String url(int node) {
        return "redis://127.0.0.1:" + port(node);
    }

    /** Runs {@code redis-cli -p <node's port> args...} and returns what it printed. */
    String cli(int node, String... args) {
        List<String> command = new ArrayList<>(List.of("-p", Integer.toString(port(node))));
        command.addAll(List.of(args));
        return RedisProcess.cli(command.toArray(String[]::new));
    }

    /** The node's id in the cluster, as {@code CLUSTER SETSLOT} names nodes. */
    String id(int node) {
        return cli(node, "cluster", "myid").trim();
    }

    /** The slot of {@code key} as the server hashes it ({@code CLUSTER KEYSLOT}). */
    int slot(String key) {
        return Integer.parseInt(cli(0, "cluster", "keyslot", key).trim());
    }

    /**
     * The master that owns {@code slot} in the view of node {@code asked} ({@code CLUSTER NODES}: a slot moving is
     * still its source's until {@code SETSLOT NODE}), or -1 if none of the cluster's nodes does.
     */
    int owner(int asked, int slot) {
        for (String line : cli(asked, "cluster", "nodes").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9) {
                continue; // a node without slots
            }
            // ip:port@cport, with ",hostname" after it on Redis 7
            String address = fields[1];
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':', address.indexOf('@')) + 1,
                    address.indexOf('@')));
            for (int f = 8; f < fields.length; f++) {
                if (fields[f].startsWith("[")) {
                    continue; // [slot->-id] or [slot-<-id]: migrating or importing, not owned
                }
                String[] range = fields[f].split("-");
                int first = Integer.parseInt(range[0]);
                int last = range.length > 1 ? Integer.parseInt(range[1]) : first;
                if (slot >= first && slot <= last) {
                    return indexOf(port);
                }
            }
        }
        return -1;
    }

    private int indexOf(int port) {
        for (int i = 0; i < nodes.size(); i++) {
            if (port(i) == port) {
                return i;
            }
        }
        return -1;
    }

    /** Zeroes every node's statistics ({@code CONFIG RESETSTAT}), the error replies among them. */
    void resetStats() {
        for (int i = 0; i < nodes.size(); i++) {
            cli(i, "config", "resetstat");
        }
    }

    /**
     * The error replies all nodes sent since {@link #resetStats()}, by their first word ({@code INFO errorstats}:
     * {@code MOVED}, {@code ASK}, {@code TRYAGAIN}, {@code ERR}...), the redirections the client followed included.
     */
    Map<String, Long> errorReplies() {
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String line : cli(i, "info", "errorstats").split("\n")) {
                // errorstat_ASK:count=12
                line = line.trim();
                if (line.startsWith("errorstat_")) {
                    String error = line.substring("errorstat_".length(), line.indexOf(':'));
                    long count = Long.parseLong(line.substring(line.indexOf("count=") + "count=".length()));
                    counts.merge(error, count, Long::sum);
                }
            }
        }
        return counts;
    }

    @Override
    public void close() {
        nodes.forEach(RedisProcess::kill);
    }
}
