package dev.bulwark.impl.stage;

import java.util.concurrent.CancellationException;

/**
 * An attempt stopped before its method ran: the downstream never saw it, so a breaker outside records nothing. Only
 * ever seen by the stages of an attempt that was already given up (by a timeout or the caller's cancel).
 */
public final class NotStarted extends CancellationException {
    private static final long serialVersionUID = 1L;

    public NotStarted(String message) {
        super(message);
    }
}
