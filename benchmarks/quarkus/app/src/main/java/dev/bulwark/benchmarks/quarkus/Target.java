package dev.bulwark.benchmarks.quarkus;

/**
 * What every scenario calls: a method that reads one volatile field. The field normally holds {@link Probe#OK},
 * which is returned as it is; the self-checks put another mode in it to make the method fail, block or sleep, so
 * that the same method that was measured shows whether its interceptor really retries, rejects or times out.
 *
 * <p>Subclasses are the beans; only their {@code call()} carries interceptor bindings, so {@link #mode} and
 * {@link #probe()} reach the instance through the client proxy without being intercepted.
 */
public abstract class Target {

    private volatile String value = Probe.OK;
    private final Probe probe = new Probe();

    /** The measured method. */
    public abstract String call();

    /** Sets the mode the next calls see (a {@link Probe} constant). */
    public void mode(String mode) {
        value = mode;
    }

    public Probe probe() {
        return probe;
    }

    /** The one body of every scenario: a volatile read and a reference comparison the branch predictor settles. */
    protected String body() {
        String v = value;
        return v == Probe.OK ? v : probe.act(this, v);
    }

    /** A target that is not a bean (no bean-defining annotation): the action of the programmatic stacks. */
    public static final class Unmanaged extends Target {
        @Override
        public String call() {
            return body();
        }
    }
}
