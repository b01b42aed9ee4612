package dev.bulwark.impl.exception;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExceptionMatcherTest {

    @Test
    void shouldLetTheExclusionWinForSubclasses() {
        ExceptionMatcher m = ExceptionMatcher.of(List.of(IOException.class), List.of(FileNotFoundException.class));
        assertTrue(m.matches(new IOException()));
        assertFalse(m.matches(new FileNotFoundException()));
        assertFalse(m.matches(new IllegalStateException()));
    }

    @Test
    void shouldExcludeASubclassOfTheExclusionButIncludeASuperclassOfIt() {
        ExceptionMatcher m = ExceptionMatcher.of(List.of(Exception.class), List.of(RuntimeException.class));
        assertFalse(m.matches(new IllegalArgumentException()));
        assertTrue(m.matches(new Exception()));
    }

    @Test
    void shouldNotRetryErrorsByDefault() {
        assertFalse(ExceptionMatcher.allExceptions().matches(new OutOfMemoryError()));
        assertTrue(ExceptionMatcher.all().matches(new OutOfMemoryError()));
    }

    @Test
    void shouldGiveTheSameAnswerFromTheCache() {
        ExceptionMatcher m = ExceptionMatcher.of(List.of(IOException.class), List.of());
        for (int i = 0; i < 3; i++) {
            assertTrue(m.matches(new FileNotFoundException()));
            assertFalse(m.matches(new RuntimeException()));
        }
    }
}
