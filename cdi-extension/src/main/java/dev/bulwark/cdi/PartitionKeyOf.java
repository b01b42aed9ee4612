package dev.bulwark.cdi;

import dev.bulwark.api.PartitionKeyResolver;
import dev.bulwark.cdi.definition.Partitioning;
import dev.bulwark.cdi.fallback.ExecutionContextImpl;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.InvocationContext;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/** How a partitioned method's call finds its key: its {@code @PartitionKey} argument, or its resolver's answer. */
final class PartitionKeyOf {

    private PartitionKeyOf() {
    }

    static Function<InvocationContext, String> of(Partitioning partitioning, Instance<Object> beans) {
        int parameter = partitioning.parameter();
        if (parameter >= 0) {
            return context -> {
                Object argument = context.getParameters()[parameter];
                return argument == null ? null : argument.toString();
            };
        }
        Class<? extends PartitionKeyResolver> type = partitioning.resolver();
        // Resolved at the first call: the resolver may be a bean that is not ready while the container starts.
        PartitionKeyResolver[] resolver = new PartitionKeyResolver[1];
        return context -> {
            PartitionKeyResolver r = resolver[0];
            if (r == null) {
                r = resolve(type, beans);
                resolver[0] = r;
            }
            return r.keyOf(new ExecutionContextImpl(context.getMethod(), context.getParameters(), null));
        };
    }

    private static PartitionKeyResolver resolve(Class<? extends PartitionKeyResolver> type, Instance<Object> beans) {
        Instance<? extends PartitionKeyResolver> bean = beans.select(type);
        if (bean.isResolvable()) {
            return bean.get();
        }
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new FaultToleranceDefinitionException("@PartitionedBy(" + type.getName() + ".class): not a bean,"
                    + " and it has no public no-argument constructor to make one with", e);
        }
    }
}
