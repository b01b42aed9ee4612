package dev.bulwark.impl.timeout;

import dev.bulwark.impl.time.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts synchronous calls that overrun their deadline, on the caller's own thread: one shared watchdog
 * thread, no thread per call and no hop.
 *
 * <p>Every thread owns a small stack of reusable {@link Slot}s (one per nesting depth of guarded calls),
 * registered with the watchdog once. Arming writes a deadline and flips the slot to ARMED; disarming flips
 * it back with one CAS, so the hot path allocates nothing and touches only the caller's own slot. The
 * watchdog sleeps until the earliest deadline it knows of; an arm that is earlier than that wakes it.
 *
 * <p>A virtual thread gets no slots of its own (there may be millions, each making one call): it borrows a slot
 * from a pool for each armed call and gives it back at disarm, so the slots, and the watchdog's scan, grow with the
 * calls in flight rather than with the threads ever seen.
 *
 * <p>A slot's state word carries a sequence number that grows with every arm, so the watchdog can only
 * fire the very arming whose deadline it read: a slot disarmed and re-armed in between makes its CAS fail.
 * When the watchdog wins, it interrupts the owner and marks the slot FIRED; the owner, whose disarm CAS
 * then fails, waits for FIRED and clears its interrupt flag, so an interrupt never leaks out of the call.
 */
public final class TimeoutWatchdog implements AutoCloseable {

    private static final long IDLE = 0, ARMED = 1, FIRING = 2, FIRED = 3, PHASE = 3;
    private static final long SCANNING = Long.MIN_VALUE;
    private static final int MAX_DEPTH = 64;

    private final Clock clock;
    private final ConcurrentLinkedQueue<Slot> slots = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<SlotStack> stacks = ThreadLocal.withInitial(SlotStack::new);
    /** Slots free for virtual threads to borrow (see the class comment). */
    private final ConcurrentLinkedQueue<Slot> pooled = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile long plannedWake = Long.MAX_VALUE;
    private volatile boolean closed;
    private int registrations;

    private TimeoutWatchdog(Clock clock, ThreadFactory threads) {
        this.clock = clock;
        if (threads != null) {
            thread = threads.newThread(this::loop);
            thread.start();
        } else {
            thread = null;
        }
    }

    /** A watchdog with a thread of its own, made by {@code threads}, reading {@code clock}. */
    public static TimeoutWatchdog start(Clock clock, ThreadFactory threads) {
        return new TimeoutWatchdog(clock, threads);
    }

    /**
     * A watchdog without a thread of its own, driven by whoever moves {@code clock}: it calls {@link #tick()} after
     * each move (the virtual time of {@code bulwark-testing}, or a host that already wakes on its own schedule).
     */
    public static TimeoutWatchdog driven(Clock clock) {
        return new TimeoutWatchdog(clock, null);
    }

    /**
     * Arms a deadline {@code timeoutNanos} from now for the calling thread. Must be matched by
     * {@link #disarm(Slot)} on the same thread, in a finally block.
     */
    public Slot arm(long timeoutNanos) {
        if (closed) {
            // A deadline nobody watches would be a timeout that silently does nothing.
            throw new IllegalStateException("the timeout watchdog is stopped: its engine was closed");
        }
        Thread current = Thread.currentThread();
        Slot slot;
        if (VirtualThreadCheck.isVirtual(current)) {
            slot = pooled.poll();
            if (slot == null) {
                slot = new Slot(current, null);
                register(slot);
            }
            slot.owner = current;
        } else {
            SlotStack stack = stacks.get();
            int d = stack.depth;
            if (d >= MAX_DEPTH) {
                throw new IllegalStateException("guarded calls with a timeout nested deeper than " + MAX_DEPTH);
            }
            slot = stack.slots[d];
            if (slot == null) {
                slot = new Slot(current, stack);
                stack.slots[d] = slot;
                register(slot);
            }
            stack.depth = d + 1;
        }
        long deadline = clock.nanoTime() + timeoutNanos;
        slot.deadline = deadline;
        long stamp = ((slot.state >>> 2) + 1) << 2;
        slot.state = stamp | ARMED;
        long wake = plannedWake;
        // The sentinels are tested first: deadline - MAX_VALUE overflows on a clock whose readings are negative.
        if (wake == Long.MAX_VALUE || wake == SCANNING || deadline - wake < 0) {
            plannedWake = deadline;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }
        return slot;
    }

    /**
     * Disarms the slot armed by this thread.
     *
     * @return true if the deadline had passed and the watchdog interrupted the thread (the interrupt is
     *         cleared before this returns), false if the call finished in time
     */
    public boolean disarm(Slot slot) {
        if (slot.stack != null) {
            slot.stack.depth--;
        }
        long current = slot.state;
        if ((current & PHASE) == ARMED && STATE.compareAndSet(slot, current, current & ~PHASE)) {
            giveBack(slot);
            return false;
        }
        // The watchdog won: wait for it to finish interrupting us, then swallow the interrupt it caused.
        while ((slot.state & PHASE) != FIRED) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        slot.state = slot.state & ~PHASE;
        giveBack(slot);
        return true;
    }

    /** A borrowed slot goes back to the pool once the watchdog can no longer fire it. */
    private void giveBack(Slot slot) {
        if (slot.stack == null) {
            pooled.offer(slot);
        }
    }

    /** How many slots the watchdog scans: the threads' own and the pool's. */
    int slotCount() {
        return slots.size();
    }

    /**
     * Fires every armed slot whose deadline has passed.
     *
     * @return the earliest deadline still armed, or {@link Long#MAX_VALUE}
     */
    public long tick() {
        long now = clock.nanoTime();
        long earliest = Long.MAX_VALUE;
        for (Iterator<Slot> it = slots.iterator(); it.hasNext();) {
            Slot slot = it.next();
            long state = slot.state;
            if ((state & PHASE) != ARMED) {
                if (slot.stack != null && !slot.owner.isAlive()) {
                    it.remove(); // a pooled slot outlives its borrowers
                }
                continue;
            }
            long deadline = slot.deadline;
            if (now - deadline >= 0) {
                if (STATE.compareAndSet(slot, state, (state & ~PHASE) | FIRING)) {
                    slot.owner.interrupt();
                    slot.state = (state & ~PHASE) | FIRED;
                }
            } else if (deadline - earliest < 0 || earliest == Long.MAX_VALUE) {
                earliest = deadline;
            }
        }
        return earliest;
    }

    private void register(Slot slot) {
        slots.add(slot);
        if ((++registrations & 63) == 0) { // racy counter: only a hint for occasional clean-up
            slots.removeIf(s -> s.stack != null && !s.owner.isAlive());
        }
    }

    private void loop() {
        while (!closed) {
            plannedWake = SCANNING;
            long next = tick();
            plannedWake = next;
            if (next == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                long wait = next - clock.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** One thread's deadline at one nesting depth. */
    public static final class Slot {
        /** The thread that armed it; a pooled slot's changes with each borrower, before it is armed. */
        volatile Thread owner;
        /** The owner's stack, or null for a slot of the pool. */
        final SlotStack stack;
        volatile long deadline;
        volatile long state;

        Slot(Thread owner, SlotStack stack) {
            this.owner = owner;
            this.stack = stack;
        }
    }

    /** A thread's slots, one per nesting depth; touched only by its owner. */
    static final class SlotStack {
        final Slot[] slots = new Slot[MAX_DEPTH];
        int depth;
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Slot.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
