package dev.bulwark.impl.stage;

/** How far an attempt got beyond a gate that let it through: what that gate's {@link Gate#exit} is told. */
public enum Passage {
    /** It reached the method (or a stage inside replaced its outcome): the outcome is the downstream's. */
    RAN,
    /** A gate inside refused it: the method was never called, the failure is that gate's rejection. */
    REFUSED,
    /** It was given up before the method started (cancelled, or timed out while queued): nothing happened. */
    NOT_STARTED
}
