package dev.bulwark.stress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.junit.jupiter.api.Test;

/**
 * jcstress silently skips a test with more actors than the machine has CPUs ("No scheduling is possible"), and CI has
 * two: a three-actor test would pass there without ever having run. Every test here has at most two actors.
 */
class EveryTestRunsOnTwoCpusTest {

    private static List<Class<?>> stressTests() throws IOException, ClassNotFoundException {
        String list;
        try (InputStream in = EveryTestRunsOnTwoCpusTest.class.getResourceAsStream("/META-INF/TestList")) {
            assertTrue(in != null, "jcstress' generator wrote no META-INF/TestList");
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Each line starts "JCTEST", then the test's class name as <length>S<name>.
        List<Class<?>> tests = new ArrayList<>();
        Matcher m = Pattern.compile("JCTEST(\\d+)S").matcher(list);
        while (m.find()) {
            int length = Integer.parseInt(m.group(1));
            tests.add(Class.forName(list.substring(m.end(), m.end() + length)));
        }
        return tests;
    }

    @Test
    void shouldHaveNoTestThatTwoCpusCannotSchedule() throws Exception {
        List<Class<?>> tests = stressTests();
        assertFalse(tests.isEmpty(), "no jcstress test found");
        for (Class<?> test : tests) {
            assertTrue(test.isAnnotationPresent(JCStressTest.class), test.getName());
            long actors = Arrays.stream(test.getMethods()).filter((Method method) -> method.isAnnotationPresent(Actor.class))
                    .count();
            assertTrue(actors >= 1 && actors <= 2, test.getSimpleName() + " has " + actors
                    + " actors: jcstress would skip it on CI's two CPUs");
        }
    }
}
