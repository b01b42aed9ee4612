package dev.bulwark.examples;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Running totals of every {@link Event}, written from the caller's thread and Bulwark's executor threads alike. */
@ApplicationScoped
public class Scoreboard {

    private final Map<Event, LongAdder> counters = new EnumMap<>(Event.class);

    public Scoreboard() {
        for (Event e : Event.values()) {
            counters.put(e, new LongAdder());
        }
    }

    public void count(Event event) {
        counters.get(event).increment();
    }

    public void count(Event event, long times) {
        counters.get(event).add(times);
    }

    /** The totals so far; each counter is read once, so a snapshot taken mid-call may be off by that call. */
    public Tally snapshot() {
        Map<Event, Long> values = new EnumMap<>(Event.class);
        counters.forEach((event, adder) -> values.put(event, adder.sum()));
        return new Tally(values);
    }
}
