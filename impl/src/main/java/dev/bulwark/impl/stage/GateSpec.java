package dev.bulwark.impl.stage;

/** The settings of a strategy that is a {@link Gate}: lets attempts through or refuses them. */
public non-sealed interface GateSpec extends StageSpec {

    /** The gate for one operation, made once, when the operation is, and shared by all its calls. */
    Gate gate(StageContext operation);
}
