package dev.bulwark.impl.stage;

/** The settings of a strategy that is an {@link Around}: decides, after each outcome, what it means. */
public non-sealed interface AroundSpec extends StageSpec {

    /** The around-stage for one operation, made once, when the operation is, and shared by all its calls. */
    Around around(StageContext operation);
}
