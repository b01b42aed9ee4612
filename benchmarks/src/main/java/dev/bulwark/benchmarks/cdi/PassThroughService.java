package dev.bulwark.benchmarks.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/** The trivial method behind one interceptor that does nothing but proceed. */
@ApplicationScoped
@PassThrough
public class PassThroughService implements Supplier<String> {

    private volatile String value = "ok";

    @Override
    public String get() {
        return value;
    }
}
