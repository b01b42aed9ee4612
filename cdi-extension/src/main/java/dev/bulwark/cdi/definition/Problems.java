package dev.bulwark.cdi.definition;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * Collects every definition problem of a deployment, so all are reported at once. Thread-safe: a container may fire
 * the events that read definitions from several threads (Weld's concurrent deployment).
 */
public final class Problems {

    // A set: a bad global key (say Retry/enabled=maybe) is met once per guarded method, but is one problem.
    private final Set<String> messages = new LinkedHashSet<>();

    public synchronized void add(String message) {
        messages.add(message);
    }

    public synchronized boolean isEmpty() {
        return messages.isEmpty();
    }

    public synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    /** One exception listing every problem; null if there is none. */
    public synchronized FaultToleranceDefinitionException toException() {
        if (messages.isEmpty()) {
            return null;
        }
        if (messages.size() == 1) {
            return new FaultToleranceDefinitionException(messages.iterator().next());
        }
        StringBuilder text = new StringBuilder(messages.size() + " fault tolerance definition problems:");
        for (String m : messages) {
            text.append("\n  - ").append(m);
        }
        return new FaultToleranceDefinitionException(text.toString());
    }
}
