package dev.bulwark.cdi.definition;

import dev.bulwark.impl.InvalidSettingsException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The parameters of one fault-tolerance annotation on one method, with MicroProfile Config overrides applied, as
 * the spec's configuration chapter says: for an annotation placed on the method, {@code <class>/<method>/<A>/<p>};
 * for one placed on the class, {@code <class>/<A>/<p>} (a method key is then ignored: "if no annotation matches the
 * specified parameter, the property will be ignored"); then {@code <A>/<p>}; then the annotation's own value.
 * Every value that cannot be converted or is out of range becomes a problem naming where it came from.
 */
final class AnnotationParameters {

    private final Annotation annotation;
    private final String annotationName;
    private final Class<?> beanClass;
    private final Method method;
    private final boolean onClass;
    private final ConfigLookup config;
    private final Problems problems;
    /** The config key each parameter's value was taken from; a parameter not here has the annotation's value. */
    private final Map<String, String> keyUsed = new HashMap<>();
    /** The value each parameter was read as, so a rule the spec finds broken is shown with the value given. */
    private final Map<String, Object> read = new HashMap<>();

    AnnotationParameters(Annotation annotation, Class<?> beanClass, Method method, boolean onClass,
            ConfigLookup config, Problems problems) {
        this.annotation = annotation;
        this.annotationName = annotation.annotationType().getSimpleName();
        this.beanClass = beanClass;
        this.method = method;
        this.onClass = onClass;
        this.config = config;
        this.problems = problems;
    }

    /** The config keys for {@code param}, most specific first. */
    List<String> keys(String param) {
        List<String> keys = new ArrayList<>(3);
        String cls = ClassNames.of(beanClass);
        String where = onClass ? "" : method.getName() + "/";
        keys.add(cls + "/" + where + annotationName + "/" + param);
        if (!cls.equals(beanClass.getName())) {
            // A REST client's generated bean: the interface's key first, then the generated class's own.
            keys.add(beanClass.getName() + "/" + where + annotationName + "/" + param);
        }
        // The spec's <classname> is "the class name ... where the annotation is declared upon": for an annotation
        // inherited from a superclass (or a method inherited from one) that class's key applies too.
        Class<?> declaredOn = onClass ? classDeclaring() : method.getDeclaringClass();
        if (declaredOn != null && declaredOn != beanClass) {
            keys.add(declaredOn.getName() + "/" + where + annotationName + "/" + param);
        }
        keys.add(annotationName + "/" + param);
        return keys;
    }

    /** The class that declares this class-level annotation itself: the bean class or a superclass. */
    private Class<?> classDeclaring() {
        for (Class<?> c = beanClass; c != null; c = c.getSuperclass()) {
            if (annotation.equals(c.getDeclaredAnnotation(annotation.annotationType()))) {
                return c;
            }
        }
        Class<?> declaring = method.getDeclaringClass();
        return annotation.equals(declaring.getDeclaredAnnotation(annotation.annotationType())) ? declaring : null;
    }

    /** The first config override of {@code param}: [key, value], or empty. */
    private Optional<String[]> override(String param) {
        for (String key : keys(param)) {
            Optional<String> value = config.get(key);
            if (value.isPresent()) {
                return Optional.of(new String[] {key, value.get().trim()});
            }
        }
        return Optional.empty();
    }

    private Object annotationValue(String param) {
        try {
            return annotation.annotationType().getMethod(param).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("@" + annotationName + " has no member " + param, e);
        }
    }

    String where() {
        return ClassNames.of(beanClass) + "." + method.getName() + "()";
    }

    /** Reports a problem with {@code param}'s value, naming its source. */
    void invalid(String param, Object value, String allowed) {
        invalid(param, value, allowed, new String[0]);
    }

    /**
     * Reports a problem with {@code param}'s value that the values of {@code related} parameters take part in,
     * naming the source of each (so that an override of a related parameter is named too).
     */
    void invalid(String param, Object value, String allowed, String... related) {
        StringBuilder sources = new StringBuilder(source(param));
        for (String other : related) {
            sources.append("; ").append(other).append(" from ").append(source(other));
        }
        problems.add(where() + ": @" + annotationName + " " + param + " " + allowed + ", was " + value
                + " (from " + sources + ")");
    }

    /** Where {@code param}'s value came from: its config key, or the annotation. */
    private String source(String param) {
        // Not override(param): an override that could not be converted was reported already and not used.
        String key = keyUsed.get(param);
        return key != null ? "config key " + key : "annotation";
    }

    /** Whether {@code value} is at least {@code min}; if not, reports it (so that every problem is reported). */
    boolean atLeast(String param, long value, long min) {
        if (value >= min) {
            return true;
        }
        invalid(param, value, "must be >= " + min);
        return false;
    }

    int intValue(String param) {
        return parsed(param, Integer::parseInt, "an int");
    }

    long longValue(String param) {
        return parsed(param, Long::parseLong, "a long");
    }

    double doubleValue(String param) {
        return parsed(param, Double::parseDouble, "a number");
    }

    <E extends Enum<E>> E enumValue(String param, Class<E> type) {
        // name(), not toString(): ChronoUnit prints "Millis", but the key takes "MILLIS".
        return parsed(param, v -> Enum.valueOf(type, v.toUpperCase(java.util.Locale.ROOT)),
                "one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    /**
     * The override of {@code param} converted by {@code parse}, or, if there is none or it cannot be converted
     * (a problem, then), the annotation's value.
     */
    @SuppressWarnings("unchecked")
    private <T> T parsed(String param, Function<String, T> parse, String expected) {
        Optional<String[]> o = override(param);
        if (o.isPresent()) {
            try {
                return readAs(param, used(param, o.get(), parse.apply(o.get()[1])));
            } catch (IllegalArgumentException e) { // NumberFormatException included
                badConversion(o.get(), expected);
            }
        }
        return readAs(param, (T) annotationValue(param));
    }

    private <T> T readAs(String param, T value) {
        read.put(param, value);
        return value;
    }

    /**
     * The spec {@code make} builds from this annotation's values, or null when the spec finds rules broken: each is
     * reported against the parameter its value came from, so the rule lives once, in the spec, and the problem still
     * names the config key. {@code renamed} pairs a setting's name in the spec with its parameter's, where they
     * differ ({@code "timeout", "value"}).
     */
    <T> T spec(Supplier<T> make, String... renamed) {
        try {
            return make.get();
        } catch (InvalidSettingsException e) {
            for (InvalidSettingsException.Violation v : e.violations()) {
                String param = parameterOf(v.setting(), renamed);
                String[] related = v.related().stream().map(r -> parameterOf(r, renamed)).filter(read::containsKey)
                        .toArray(String[]::new);
                StringBuilder rule = new StringBuilder(v.rule());
                for (int i = 0; i < related.length; i++) {
                    rule.append(i == 0 ? " (with " : ", ").append(related[i]).append(' ').append(read.get(related[i]));
                }
                invalid(param, read.containsKey(param) ? read.get(param) : v.value(),
                        related.length == 0 ? v.rule() : rule.append(')').toString(), related);
            }
            return null;
        }
    }

    private static String parameterOf(String setting, String[] renamed) {
        for (int i = 0; i + 1 < renamed.length; i += 2) {
            if (renamed[i].equals(setting)) {
                return renamed[i + 1];
            }
        }
        return setting;
    }

    ChronoUnit unit(String param) {
        return enumValue(param, ChronoUnit.class);
    }

    String stringValue(String param) {
        return readAs(param, override(param).map(kv -> used(param, kv, kv[1]))
                .orElseGet(() -> (String) annotationValue(param)));
    }

    /** The annotation this reads, for checks that need a member without config applied. */
    String annotationName() {
        return annotationName;
    }

    Class<?> classValue(String param) {
        Optional<String[]> o = override(param);
        if (o.isPresent()) {
            Class<?> c = load(o.get(), o.get()[1]);
            if (c != null) {
                return used(param, o.get(), c);
            }
        }
        return (Class<?>) annotationValue(param);
    }

    @SuppressWarnings("unchecked")
    List<Class<? extends Throwable>> throwables(String param) {
        Optional<String[]> o = override(param);
        if (o.isPresent()) {
            List<Class<? extends Throwable>> types = new ArrayList<>();
            for (String name : o.get()[1].split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                Class<?> c = load(o.get(), name.trim());
                if (c == null) {
                    return List.of((Class<? extends Throwable>[]) annotationValue(param));
                }
                if (!Throwable.class.isAssignableFrom(c)) {
                    badConversion(o.get(), "a list of Throwable classes");
                    return List.of((Class<? extends Throwable>[]) annotationValue(param));
                }
                types.add((Class<? extends Throwable>) c);
            }
            return used(param, o.get(), types);
        }
        return List.of((Class<? extends Throwable>[]) annotationValue(param));
    }

    private <T> T used(String param, String[] keyValue, T value) {
        keyUsed.put(param, keyValue[0]);
        return value;
    }

    private Class<?> load(String[] keyValue, String name) {
        try {
            ClassLoader loader = beanClass.getClassLoader();
            return Class.forName(name, false, loader != null ? loader : ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(where() + ": config key " + keyValue[0] + " names class " + name + ", which cannot be loaded");
            return null;
        }
    }

    private void badConversion(String[] keyValue, String expected) {
        problems.add(where() + ": config key " + keyValue[0] + " must be " + expected + ", was " + keyValue[1]);
    }

    /** {@code amount} of {@code unit} in nanoseconds, saturating instead of overflowing. */
    static long nanos(long amount, ChronoUnit unit) {
        try {
            return unit.getDuration().multipliedBy(amount).toNanos();
        } catch (ArithmeticException e) {
            return amount < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
