package dev.bulwark.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.bulwark.impl.retry.TokenRetryBudget;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/** A retry budget holding one retry, raced for by two retries, one of them just after a call's deposit: never more than it holds. */
@JCStressTest
@Outcome(id = {"1, 0, 0", "0, 1, 0"}, expect = ACCEPTABLE, desc = "one retry, balance 0")
@Outcome(expect = FORBIDDEN, desc = "overdrawn, or a withdrawal lost")
@State
public class RetryBudgetNeverOverdraws {

    // One retry in reserve (1 per second over 1 s); ratio 0, so the racing deposit adds nothing.
    private final TokenRetryBudget budget = new TokenRetryBudget(0, 1, 1_000_000_000L, () -> 0L);

    @Actor
    public void a(III_Result r) {
        r.r1 = budget.tryWithdraw() ? 1 : 0;
    }

    @Actor
    public void b(III_Result r) {
        budget.deposit();
        r.r2 = budget.tryWithdraw() ? 1 : 0;
    }

    @Arbiter
    public void check(III_Result r) {
        r.r3 = (int) budget.balance();
    }
}
