package dev.bulwark.impl.exception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A matcher made from annotation values (arrays) is the one made from lists; it reports both lists as given, and two
 * matchers of the same lists, in any order, are equal (one breaker name, one set of failOn/skipOn).
 */
class ExceptionMatcherListsTest {

    @Test
    @SuppressWarnings("unchecked")
    void shouldMatchFromAnnotationArraysAsFromLists() {
        ExceptionMatcher fromArrays = ExceptionMatcher.of(new Class[] {IOException.class},
                new Class[] {FileNotFoundException.class});
        assertTrue(fromArrays.matches(new IOException()));
        assertFalse(fromArrays.matches(new FileNotFoundException()));
        assertEquals(ExceptionMatcher.of(List.of(IOException.class), List.of(FileNotFoundException.class)),
                fromArrays);
    }

    @Test
    void shouldReportTheListsItWasMadeOf() {
        ExceptionMatcher matcher = ExceptionMatcher.of(List.of(IOException.class), List.of(FileNotFoundException.class));
        assertEquals(List.of(IOException.class), matcher.included());
        assertEquals(List.of(FileNotFoundException.class), matcher.excluded());
    }

    @Test
    void shouldBeEqualOnlyForTheSameIncludedAndExcludedSets() {
        ExceptionMatcher io = ExceptionMatcher.of(List.of(IOException.class), List.of());
        assertEquals(io, ExceptionMatcher.of(List.of(IOException.class, IOException.class), List.of()));
        assertEquals(io.hashCode(), ExceptionMatcher.of(List.of(IOException.class), List.of()).hashCode());
        assertNotEquals(io, ExceptionMatcher.of(List.of(IOException.class), List.of(FileNotFoundException.class)));
        assertNotEquals(io, ExceptionMatcher.all());
        assertNotEquals(io, "not a matcher");
    }
}
