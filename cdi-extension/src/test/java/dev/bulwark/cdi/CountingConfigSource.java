package dev.bulwark.cdi;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** A config source that holds nothing and counts how often it is asked, to prove calls read no config. */
public class CountingConfigSource implements ConfigSource {

    static final AtomicLong READS = new AtomicLong();

    @Override
    public Map<String, String> getProperties() {
        READS.incrementAndGet();
        return Map.of();
    }

    @Override
    public Set<String> getPropertyNames() {
        READS.incrementAndGet();
        return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        READS.incrementAndGet();
        return null;
    }

    @Override
    public String getName() {
        return "counting";
    }

    @Override
    public int getOrdinal() {
        return 1;
    }
}
