package dev.bulwark.cdi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The times a rate limiter's permits were used, checked against its rules as they come, in memory that does not grow
 * with the run: a one-hour soak grants millions of permits, and a log of all of them would be the heap growth the
 * soak exists to rule out. Times are gathered in a batch, sorted (threads add them slightly out of order), checked,
 * and all but the last {@code keep} are dropped: {@code keep} covers the longest run of permits a rule looks at.
 */
final class PermitLog {

    /** Any {@code count} consecutive permits span at least {@code minSpanNanos}. */
    record Rule(int count, long minSpanNanos) {
    }

    private static final int BATCH = 8192;

    private final List<Rule> rules;
    private final long reportSpanNanos;
    private final int keep;
    private final long[] times = new long[BATCH];
    private int size;
    private long total;
    private int mostWithinReportSpan;
    private final List<String> violations = new ArrayList<>();

    /** {@code reportSpanNanos}: the span {@link #mostWithin()} reports the densest run of permits in. */
    PermitLog(List<Rule> rules, long reportSpanNanos) {
        this.rules = List.copyOf(rules);
        this.reportSpanNanos = reportSpanNanos;
        this.keep = rules.stream().mapToInt(Rule::count).max().orElse(1) * 2;
    }

    synchronized void add(long nanoTime) {
        times[size++] = nanoTime;
        total++;
        if (size == BATCH) {
            check();
            System.arraycopy(times, size - keep, times, 0, keep);
            size = keep;
        }
    }

    synchronized void clear() {
        size = 0;
        total = 0;
        mostWithinReportSpan = 0;
        violations.clear();
    }

    /** Checks what is left; returns the rules' violations (the first ten), none when every rule held. */
    synchronized List<String> finish() {
        check();
        return List.copyOf(violations);
    }

    synchronized long total() {
        return total;
    }

    /** The most permits seen within any {@code reportSpanNanos}. */
    synchronized int mostWithin() {
        return mostWithinReportSpan;
    }

    private void check() {
        Arrays.sort(times, 0, size);
        for (Rule rule : rules) {
            for (int i = 0; i + rule.count() - 1 < size && violations.size() < 10; i++) {
                long span = times[i + rule.count() - 1] - times[i];
                if (span < rule.minSpanNanos()) {
                    violations.add(rule.count() + " permits within " + span / 1_000 + " us (at least "
                            + rule.minSpanNanos() / 1_000 + " us), around permit " + (total - size + i));
                }
            }
        }
        for (int i = 0, j = 0; j < size; j++) {
            while (times[j] - times[i] >= reportSpanNanos) {
                i++;
            }
            mostWithinReportSpan = Math.max(mostWithinReportSpan, j - i + 1);
        }
    }
}
