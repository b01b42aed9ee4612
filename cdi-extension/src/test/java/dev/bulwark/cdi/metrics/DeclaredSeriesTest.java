package dev.bulwark.cdi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.bulwark.impl.chain.Engine;
import dev.bulwark.impl.chain.Operation;
import dev.bulwark.impl.chain.OperationSpec;
import dev.bulwark.impl.stage.Gate;
import dev.bulwark.impl.stage.GateSpec;
import dev.bulwark.impl.stage.Passage;
import dev.bulwark.impl.stage.StageContext;
import dev.bulwark.impl.stage.StageSpec.Place;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/**
 * A strategy beyond the built-in ones declares its series when its stage is made, and the walk every metrics API
 * shares registers them with the operation's {@code method} tag: nothing of the strategy in the metrics package.
 */
class DeclaredSeriesTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong level = new AtomicLong(7);

    /** A gate that counts the calls it lets through, times them, and shows a level as a gauge. */
    private GateSpec counting() {
        return new GateSpec() {
            @Override
            public Place place() {
                return Place.BULKHEAD;
            }

            @Override
            public Gate gate(StageContext operation) {
                Runnable passed = operation.metrics().counter("ft.example.calls.total", "exampleResult", "passed");
                LongConsumer took = operation.metrics().duration("ft.example.duration");
                operation.metrics().gauge("ft.example.level", level::get);
                return new Gate() {
                    @Override
                    public Object enter() {
                        passed.run();
                        return PERMIT;
                    }

                    @Override
                    public Throwable exit(Object permit, long mark, Throwable failure, Passage passage) {
                        took.accept(1_000);
                        return failure;
                    }
                };
            }
        };
    }

    @Test
    void theSeriesAStageDeclaresAreRegisteredWithTheMethodTagAndRecorded() throws Exception {
        Engine engine = Engine.builder().metrics(new MicrometerProvider(registry)).build();
        Operation op = engine.operation(OperationSpec.builder("com.example.Shop.order").stage(counting()).build());
        op.call(() -> "value", null);
        op.call(() -> "value", null);
        assertEquals(2.0, registry.get("ft.example.calls.total").tag("method", "com.example.Shop.order")
                .tag("exampleResult", "passed").counter().count());
        assertEquals(2, registry.get("ft.example.duration").tag("method", "com.example.Shop.order").timer().count());
        assertEquals(2_000, registry.get("ft.example.duration").timer().totalTime(TimeUnit.NANOSECONDS));
        level.set(11);
        assertEquals(11.0, registry.get("ft.example.level").tag("method", "com.example.Shop.order").gauge().value());
        assertNotNull(registry.find("ft.invocations.total").tag("method", "com.example.Shop.order").counter(),
                "the built-in series are there beside them");
    }

    @Test
    void everyRecorderOfACompositeRegistersAndRecordsADeclaredCounter() throws Exception {
        MeterRegistry second = new SimpleMeterRegistry();
        MicrometerProvider one = new MicrometerProvider(registry);
        MicrometerProvider two = new MicrometerProvider(second);
        Engine engine = Engine.builder().metrics(operation -> new CompositeRecorder(one.recorderFor(operation),
                two.recorderFor(operation))).build();
        Operation op = engine.operation(OperationSpec.builder("op").stage(counting()).build());
        op.call(() -> "value", null);
        for (MeterRegistry r : new MeterRegistry[] {registry, second}) {
            assertEquals(1.0, r.get("ft.example.calls.total").tag("method", "op").counter().count());
            assertEquals(7.0, r.get("ft.example.level").tag("method", "op").gauge().value());
        }
    }
}
