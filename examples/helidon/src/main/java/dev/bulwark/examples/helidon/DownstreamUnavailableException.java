package dev.bulwark.examples.helidon;

/** What a call to the downstream throws when it does not answer: what a refused connection or a 503 would be. */
public class DownstreamUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DownstreamUnavailableException(String message) {
        super(message);
    }
}
