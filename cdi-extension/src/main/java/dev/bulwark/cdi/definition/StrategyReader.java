package dev.bulwark.cdi.definition;

import java.lang.annotation.Annotation;
import java.util.function.Function;

/**
 * Reads one strategy's annotations on a method (its own, or its class's, with their MP Config overrides) into the
 * method's definition, reporting each invalid value as a problem. One per strategy, each registered by one line in
 * {@link DefinitionReader#STRATEGIES}.
 */
interface StrategyReader {

    /** Reads the strategy in force on {@code definition}'s method, if any, into {@code definition}. */
    void read(MethodDefinition.Builder definition);

    /**
     * Checks what the strategy needs of how the method's calls run, once that is known (after every strategy was
     * read, since the strategies in force decide it); by default nothing.
     */
    default void check(MethodDefinition.Builder definition, Execution execution) {
    }

    /**
     * A strategy as {@link DefinitionReader} knows it: the annotation that puts it on a method, and how to make its
     * reader for one deployment.
     */
    record Registration(Class<? extends Annotation> annotation,
            Function<DefinitionReader.Lookup, StrategyReader> reader) {
    }
}
