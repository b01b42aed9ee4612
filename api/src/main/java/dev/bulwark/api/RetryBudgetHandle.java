package dev.bulwark.api;

/**
 * A retry budget that several guards share ({@link RetryOptions#budget(RetryBudgetHandle)}): every call of those
 * guards deposits, every retry withdraws. Created with {@link RetryBudgets#create}. Thread-safe, lock-free.
 */
public interface RetryBudgetHandle {

    /** Counts one call made. */
    void deposit();

    /** Takes one retry from the budget if it holds one; false (and nothing taken) if it is empty. */
    boolean tryWithdraw();

    /** The retries the budget would allow now. */
    long balance();
}
