package dev.bulwark.impl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The settings of one spec broke its rules: every broken rule, each naming its setting, so that a front door that
 * read the values from annotations and config can report each one against where its value came from (the CDI
 * definition names the config key), while a programmatic caller reads them all in the message.
 */
public final class InvalidSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * One broken rule.
     *
     * @param setting the setting's name as the spec's constructor knows it ({@code failureRatio}, {@code buckets})
     * @param value the value that broke it, as the spec saw it (durations in nanoseconds)
     * @param rule what the value must be ({@code must be between 0 and 1})
     * @param related other settings whose values take part in the rule
     */
    public record Violation(String setting, Object value, String rule, List<String> related) {

        public Violation {
            related = List.copyOf(related);
        }

        @Override
        public String toString() {
            return value == null ? setting + " " + rule : setting + " " + rule + ", was " + value;
        }
    }

    private final transient List<Violation> violations;

    InvalidSettingsException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    /** Every rule broken, in the order the spec checks them; never empty. */
    public List<Violation> violations() {
        return violations;
    }
}
