package dev.bulwark.examples;

import java.util.EnumMap;
import java.util.Map;

/** The count of every {@link Event} at one moment. */
public record Tally(Map<Event, Long> values) {

    public Tally {
        values = Map.copyOf(values);
    }

    public static Tally empty() {
        Map<Event, Long> zeros = new EnumMap<>(Event.class);
        for (Event e : Event.values()) {
            zeros.put(e, 0L);
        }
        return new Tally(zeros);
    }

    public long get(Event event) {
        return values.getOrDefault(event, 0L);
    }

    /** What happened between {@code earlier} and this tally. */
    public Tally minus(Tally earlier) {
        Map<Event, Long> diff = new EnumMap<>(Event.class);
        for (Event e : Event.values()) {
            diff.put(e, get(e) - earlier.get(e));
        }
        return new Tally(diff);
    }
}
