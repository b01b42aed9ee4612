package dev.bulwark.impl.chain;

import dev.bulwark.impl.stage.Race;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * One race of a call (one run of what a {@link Race} wraps): starts its attempts through the gates, each with permits
 * and marks of its own, the next one after the race's delay or at once when one fails, and hands the first winning
 * outcome (or, when every attempt failed, the last failure) back to the call. The losers are withdrawn.
 *
 * <p>Outcomes of attempts come on whatever threads they end on, and the timer's on the call's steps: a small lock
 * orders the decisions (one race per hedged call, a few decisions each); attempts start, and outcomes go out, outside
 * it, since starting one may run its method, and its outcome, on this thread.
 */
final class RaceRound {

    private final AsyncCall<?> call;
    private final Race race;
    private final AsyncAttempt[] attempts;
    private final long[] startedAt;
    // Guarded by this.
    private int started;
    private int ended;
    private boolean over;
    private Future<?> timer;
    // The attempt whose method returned a winning value, while its gates are still being told: no attempt starts
    // meanwhile, and the others were withdrawn first, so that a place it frees cannot go to one of them.
    private AsyncAttempt leader;
    private Throwable failure;

    RaceRound(AsyncCall<?> call, Race race) {
        this.call = call;
        this.race = race;
        int max = race.maxAttempts();
        this.attempts = new AsyncAttempt[max];
        this.startedAt = new long[max];
    }

    void start() {
        synchronized (this) {
            started = 1;
        }
        launch(1);
    }

    /**
     * Starts attempt {@code n}, already counted in {@link #started}, then arms the timer for the next one unless the
     * attempt is already over (a non-blocking method that answered at once arms nothing).
     */
    private void launch(int n) {
        AsyncAttempt attempt = new AsyncAttempt(call, call.permits.length == 0 ? call.permits
                : new Object[call.permits.length], call.marks.clone(), this);
        long start = call.op.engine.clock().nanoTime();
        boolean withdrawn;
        synchronized (this) {
            attempts[n - 1] = attempt;
            startedAt[n - 1] = start;
            withdrawn = over;
        }
        if (withdrawn) {
            return; // another attempt won while this one was being made
        }
        race.started(n);
        attempt.start();
        if (n < attempts.length) {
            arm(n, start);
        }
    }

    private void arm(int n, long start) {
        synchronized (this) {
            if (over || leader != null || started != n) {
                return; // decided while the attempt started: no timer to schedule and cancel
            }
        }
        long delay = race.delayNanos();
        if (delay < 0) {
            return;
        }
        // Measured from the attempt's start: a method that took a while to return its stage does not push it back.
        long remaining = Math.max(0, delay - (call.op.engine.clock().nanoTime() - start));
        try {
            Future<?> next = call.op.engine.scheduleOn(call.steps(), () -> timerFired(n), remaining, refused -> {
            });
            synchronized (this) {
                if (over || started != n) {
                    next.cancel(false);
                } else {
                    timer = next;
                }
            }
        } catch (RejectedExecutionException stopped) {
            // The engine's timer is stopped: no hedge, the attempts running go on.
        }
    }

    /** The delay after attempt {@code n} started has passed: the next one starts if none has since. */
    private void timerFired(int n) {
        synchronized (this) {
            if (over || leader != null || started != n || call.isDone() || !race.mayStart(n + 1)) {
                return;
            }
            started = n + 1;
            timer = null;
        }
        launch(n + 1);
    }

    /**
     * {@code attempt}'s method returned {@code value}, its gates not told yet: if the value wins, the attempt leads,
     * and the others are withdrawn now, before its gates hand what it held (a bulkhead place) to one of them.
     */
    void returned(AsyncAttempt attempt, Object value) {
        if (!race.wins(value, null)) {
            return;
        }
        Future<?> pending;
        synchronized (this) {
            if (over || leader != null) {
                return;
            }
            leader = attempt;
            pending = timer;
            timer = null;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        withdrawOthers(attempt);
    }

    /** {@code attempt} ended with this outcome, its gates already told. */
    void ended(AsyncAttempt attempt, Object value, Throwable outcome) {
        boolean winner = race.wins(value, outcome);
        int index;
        int next = 0;
        boolean last = false;
        Throwable lost = null;
        Future<?> pending;
        synchronized (this) {
            if (over) {
                return; // a loser, withdrawn or late
            }
            index = indexOf(attempt);
            ended++;
            pending = timer;
            if (winner) {
                over = true;
                timer = null;
            } else {
                if (leader == attempt) {
                    leader = null; // a gate turned its value into a failure (it came too late)
                }
                if (failure == null || !attempt.wasWithdrawn()) {
                    failure = outcome; // a withdrawn loser's cancellation never hides a real failure
                }
                if (leader == null && started < attempts.length && !call.isDone() && race.mayStart(started + 1)) {
                    next = ++started; // a failure lets the next attempt start at once
                    timer = null;
                } else if (ended == started) {
                    over = true;
                    last = true;
                    lost = failure;
                    timer = null;
                } else {
                    pending = null; // others still run: the timer, if any, stays armed
                }
            }
        }
        if (pending != null) {
            pending.cancel(false);
        }
        if (winner) {
            race.won(index + 1, call.op.engine.clock().nanoTime() - startedAt[index]);
            withdrawOthers(attempt);
            call.attemptEnded(value, null);
        } else if (next > 0) {
            launch(next);
        } else if (last) {
            call.attemptEnded(null, lost);
        }
    }

    private int indexOf(AsyncAttempt attempt) {
        for (int i = 0; i < attempts.length; i++) {
            if (attempts[i] == attempt) {
                return i;
            }
        }
        throw new IllegalStateException("not an attempt of this race");
    }

    /** The caller cancelled: every attempt stops, none starts. */
    void cancel(boolean interrupt) {
        Future<?> pending;
        synchronized (this) {
            over = true;
            pending = timer;
            timer = null;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        for (AsyncAttempt attempt : snapshot()) {
            if (attempt != null) {
                attempt.withdraw(interrupt);
            }
        }
    }

    private void withdrawOthers(AsyncAttempt winner) {
        for (AsyncAttempt attempt : snapshot()) {
            if (attempt != null && attempt != winner) {
                attempt.withdraw(true);
            }
        }
    }

    private synchronized AsyncAttempt[] snapshot() {
        return attempts.clone();
    }
}
