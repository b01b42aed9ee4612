package dev.bulwark.cdi.definition;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/** Collects every definition problem of a deployment, so all are reported at once. */
public final class Problems {

    private final List<String> messages = new ArrayList<>();

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
            return new FaultToleranceDefinitionException(messages.get(0));
        }
        StringBuilder text = new StringBuilder(messages.size() + " fault tolerance definition problems:");
        for (String m : messages) {
            text.append("\n  - ").append(m);
        }
        return new FaultToleranceDefinitionException(text.toString());
    }
}
