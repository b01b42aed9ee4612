package dev.bulwark.impl.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The recorder the partitions of a method share when its series are per method (no {@code partition} tag). Every
 * partition's stages declare the same series: each is looked up in the metrics API once, and later partitions get
 * the same counter, so a new key costs map lookups, not registrations. Gauges read one state each (a breaker's, a
 * bulkhead's): a method's gauge stays the one its first partition declared, as a series per method can show only one.
 */
final class PartitionShare implements MetricsRecorder {

    private final MetricsRecorder method;
    private final Map<List<String>, Runnable> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, LongConsumer> durations = new ConcurrentHashMap<>();

    PartitionShare(MetricsRecorder method) {
        this.method = method;
    }

    @Override
    public Runnable counter(String name, String... tags) {
        return counters.computeIfAbsent(series(name, tags), s -> method.counter(name, tags));
    }

    @Override
    public LongConsumer duration(String name, String... tags) {
        return durations.computeIfAbsent(series(name, tags), s -> method.duration(name, tags));
    }

    @Override
    public MetricsRecorder perMethod() {
        return method.perMethod();
    }

    @Override
    public MetricsRecorder shared() {
        return this;
    }

    private static List<String> series(String name, String[] tags) {
        String[] all = Arrays.copyOf(tags, tags.length + 1);
        all[tags.length] = name;
        return List.of(all);
    }
}
