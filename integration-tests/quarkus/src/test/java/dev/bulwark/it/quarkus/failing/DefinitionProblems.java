package dev.bulwark.it.quarkus.failing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/** Digs the definition error out of what stopped an app's start. */
final class DefinitionProblems {

    private DefinitionProblems() {
    }

    /** The message of the FaultToleranceDefinitionException that caused {@code thrown}; fails if there is none. */
    static String message(Throwable thrown) {
        // By name: the app's exception class comes from the app's class loader, not the test's.
        Throwable t = thrown;
        while (t != null && !t.getClass().getName().equals(FaultToleranceDefinitionException.class.getName())) {
            t = t.getCause();
        }
        assertTrue(t != null, "caused by FaultToleranceDefinitionException: " + thrown);
        return t.getMessage();
    }
}
