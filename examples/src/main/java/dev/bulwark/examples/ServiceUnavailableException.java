package dev.bulwark.examples;

/** What the simulated inventory service throws when an attempt fails, as a remote client would on a 503. */
public class ServiceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String message) {
        super(message);
    }
}
