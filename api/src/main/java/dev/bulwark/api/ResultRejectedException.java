package dev.bulwark.api;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Thrown when retry gave up on an action whose results were all rejected by the retry's result predicate;
 * carries the last result.
 */
public class ResultRejectedException extends FaultToleranceException {

    private final transient Object result;

    public ResultRejectedException(Object result) {
        super("Retries exhausted; the last result was rejected: " + result);
        this.result = result;
    }

    /** The last result that the retry predicate rejected. */
    public Object result() {
        return result;
    }
}
