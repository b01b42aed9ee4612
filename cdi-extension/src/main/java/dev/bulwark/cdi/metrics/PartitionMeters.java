package dev.bulwark.cdi.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The meters of one partition of a partitioned method ({@code bulwark.partitions.metrics-tag=true}): every series
 * gets a {@code partition} tag (the partition's id, never a raw key) after its own tags, and is remembered so that
 * {@link #removeAll} takes it out of the registry when the partition is evicted; a partition made again for the same
 * id later registers fresh series. Registration happens when the partition is made, never per call.
 */
final class PartitionMeters<C, D> implements Meters<C, D> {

    static final String PARTITION = "partition";

    private final Meters<C, D> meters;
    private final String partition;
    // Name and full tags of each series registered, to remove them; guarded by this.
    private final List<String[]> registered = new ArrayList<>();

    PartitionMeters(Meters<C, D> meters, String partition) {
        this.meters = meters;
        this.partition = partition;
    }

    @Override
    public C counter(String name, String... tags) {
        return meters.counter(name, remember(name, tags));
    }

    @Override
    public D duration(String name, String... tags) {
        return meters.duration(name, remember(name, tags));
    }

    @Override
    public void gauge(String name, LongSupplier value, String... tags) {
        meters.gauge(name, value, remember(name, tags));
    }

    @Override
    public void timeGauge(String name, LongSupplier nanos, String... tags) {
        meters.timeGauge(name, nanos, remember(name, tags));
    }

    @Override
    public boolean currentStateGauges() {
        return meters.currentStateGauges();
    }

    @Override
    public void remove(String name, String... tags) {
        meters.remove(name, tags);
    }

    /** Removes every series this partition registered. */
    void removeAll() {
        List<String[]> all;
        synchronized (this) {
            all = new ArrayList<>(registered);
            registered.clear();
        }
        for (String[] series : all) {
            meters.remove(series[0], Arrays.copyOfRange(series, 1, series.length));
        }
    }

    private String[] remember(String name, String[] tags) {
        String[] all = Arrays.copyOf(tags, tags.length + 2);
        all[tags.length] = PARTITION;
        all[tags.length + 1] = partition;
        String[] series = new String[all.length + 1];
        series[0] = name;
        System.arraycopy(all, 0, series, 1, all.length);
        synchronized (this) {
            registered.add(series);
        }
        return all;
    }
}
