package dev.bulwark.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * One hash slot of a {@link RedisCluster} moved from one master to another by hand, the documented way (what
 * {@code redis-cli --cluster reshard} does for each slot), in steps the test calls one by one so that it can hold each
 * state under load: {@link #begin()} marks the slot IMPORTING on the target and MIGRATING on the source (a key still
 * on the source is served there, a missing one is sent on with ASK); {@link #migrateOneKey()} moves one key per
 * {@code MIGRATE}, so that the keys of one script are split between the nodes for a while (TRYAGAIN); {@link #end()}
 * gives the slot to the target on every master (the source answers MOVED from then on).
 */
final class SlotMove {

    private final RedisCluster cluster;
    private final int slot;
    private final int source;
    private final int target;
    private final String sourceId;
    private final String targetId;
    private final List<String> migrated = new ArrayList<>();

    SlotMove(RedisCluster cluster, int slot, int source, int target) {
        this.cluster = cluster;
        this.slot = slot;
        this.source = source;
        this.target = target;
        this.sourceId = cluster.id(source);
        this.targetId = cluster.id(target);
    }

    /**
     * The target first, as CLUSTER SETSLOT's documentation orders it: a client the source sends on with ASK must find
     * the target importing already.
     */
    void begin() {
        expectOk(cluster.cli(target, "cluster", "setslot", Integer.toString(slot), "importing", sourceId));
        expectOk(cluster.cli(source, "cluster", "setslot", Integer.toString(slot), "migrating", targetId));
    }

    /** Moves one key of the slot from the source to the target; false when none is left on the source. */
    boolean migrateOneKey() {
        String key = cluster.cli(source, "cluster", "getkeysinslot", Integer.toString(slot), "1").trim();
        if (key.isEmpty()) {
            return false;
        }
        String reply = cluster.cli(source, "migrate", "127.0.0.1", Integer.toString(cluster.port(target)), "", "0",
                "5000", "keys", key).trim();
        // NOKEY: the key expired since GETKEYSINSLOT listed it, and MIGRATE deleted it
        if (!reply.equals("OK") && !reply.equals("NOKEY")) {
            throw new IllegalStateException("MIGRATE " + key + " to node " + target + ": " + reply);
        }
        migrated.add(key);
        return true;
    }

    /**
     * Gives the slot to the target: on the target first (it takes the slot with a new epoch, so its claim wins), then
     * the source (which stops sending ASK and answers MOVED), then every other master, so that none sends a client
     * back to the source meanwhile.
     */
    void end() {
        List<Integer> order = new ArrayList<>(List.of(target, source));
        for (int node = 0; node < cluster.size(); node++) {
            if (!order.contains(node)) {
                order.add(node);
            }
        }
        for (int node : order) {
            expectOk(cluster.cli(node, "cluster", "setslot", Integer.toString(slot), "node", targetId));
        }
    }

    /** The keys moved so far, in the order they were. */
    List<String> migrated() {
        return List.copyOf(migrated);
    }

    private static void expectOk(String reply) {
        if (!reply.trim().equals("OK")) {
            throw new IllegalStateException("CLUSTER SETSLOT: " + reply);
        }
    }
}
