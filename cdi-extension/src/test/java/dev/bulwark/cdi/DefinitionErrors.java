package dev.bulwark.cdi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * Deploys beans that must be rejected and digs out the {@link FaultToleranceDefinitionException}: Weld wraps a
 * definition error reported by an extension, sometimes as a cause and sometimes as a suppressed exception.
 */
final class DefinitionErrors {

    private DefinitionErrors() {
    }

    /** Asserts that deploying {@code beans} with {@code config} fails, and returns the definition error. */
    static FaultToleranceDefinitionException definitionError(Map<String, String> config, Class<?>... beans) {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> Deployment.of(config, beans).close(),
                "deployment should fail");
        assertTrue(failure instanceof DefinitionException || failure instanceof DeploymentException,
                () -> "Weld should fail with a DefinitionException or DeploymentException, was " + failure);
        FaultToleranceDefinitionException found = find(failure);
        if (found == null) {
            fail("no FaultToleranceDefinitionException in the cause or suppressed chain", failure);
        }
        return found;
    }

    static FaultToleranceDefinitionException definitionError(Class<?>... beans) {
        return definitionError(Map.of(), beans);
    }

    /** The first FaultToleranceDefinitionException among {@code root}, its causes and suppressed exceptions. */
    static FaultToleranceDefinitionException find(Throwable root) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof FaultToleranceDefinitionException ftde) {
                return ftde;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(java.util.List.of(t.getSuppressed()));
        }
        return null;
    }

    /** Asserts that {@code message} contains every one of {@code parts}, showing the whole message if not. */
    static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message != null && message.contains(part),
                    () -> "message should mention \"" + part + "\":\n" + message);
        }
    }
}
