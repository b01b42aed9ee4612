package dev.bulwark.cdi.definition;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/** Collects every definition problem of a deployment, so all are reported at once. */
public final class Problems {

    // A set: a bad global key (say Retry/enabled=maybe) is met once per guarded method, but is one problem.
    private final Set<String> messages = new LinkedHashSet<>();

    public void add(String message) {
        messages.add(message);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** One exception listing every problem; null if there is none. */
    public FaultToleranceDefinitionException toException() {
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
