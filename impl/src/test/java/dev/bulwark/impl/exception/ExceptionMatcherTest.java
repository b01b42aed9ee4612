package dev.bulwark.impl.exception;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule behind retryOn/abortOn, failOn/skipOn and applyOn/skipOn: included and not excluded. */
class ExceptionMatcherTest {

    private final ExceptionMatcher ioButNotMissingFiles =
            ExceptionMatcher.of(List.of(IOException.class), List.of(FileNotFoundException.class));

    @Test
    void shouldMatchAnIncludedClass() {
        assertTrue(ioButNotMissingFiles.matches(new IOException()));
    }

    @Test
    void shouldMatchASubclassOfAnIncludedClass() {
        assertTrue(ExceptionMatcher.of(List.of(IOException.class), List.of()).matches(new FileNotFoundException()));
    }

    @Test
    void shouldNotMatchAClassOutsideTheIncludedOnes() {
        assertFalse(ioButNotMissingFiles.matches(new IllegalStateException()));
    }

    @Test
    void shouldLetTheExclusionWinForASubclassOfBoth() {
        assertFalse(ioButNotMissingFiles.matches(new FileNotFoundException()));
    }

    @Test
    void shouldLetTheExclusionWinEvenWhenTheSameClassIsIncluded() {
        ExceptionMatcher both = ExceptionMatcher.of(List.of(IOException.class), List.of(IOException.class));
        assertFalse(both.matches(new IOException()));
    }

    @Test
    void shouldStillMatchASuperclassOfTheExclusion() {
        ExceptionMatcher m = ExceptionMatcher.of(List.of(Exception.class), List.of(RuntimeException.class));
        assertTrue(m.matches(new Exception()));
        assertFalse(m.matches(new IllegalArgumentException()));
    }

    @Test
    void shouldNotMatchAnErrorWithTheDefaultForRetryOn() {
        assertFalse(ExceptionMatcher.allExceptions().matches(new OutOfMemoryError()));
    }

    @Test
    void shouldMatchAnErrorWithTheCatchAll() {
        assertTrue(ExceptionMatcher.all().matches(new OutOfMemoryError()));
    }

    @Test
    void shouldMatchNothingWithAnEmptyInclusion() {
        assertFalse(ExceptionMatcher.of(List.of(), List.of()).matches(new RuntimeException()));
    }

    @Test
    void shouldGiveTheSameAnswerFromTheCache() {
        for (int i = 0; i < 3; i++) {
            assertTrue(ioButNotMissingFiles.matches(new IOException()));
            assertFalse(ioButNotMissingFiles.matches(new FileNotFoundException()));
        }
    }
}
