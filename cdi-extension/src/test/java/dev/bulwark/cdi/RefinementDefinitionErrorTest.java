package dev.bulwark.cdi;

import static dev.bulwark.cdi.DefinitionErrors.assertMentions;
import static dev.bulwark.cdi.DefinitionErrors.definitionError;

import dev.bulwark.api.BeforeRetry;
import dev.bulwark.api.BeforeRetryHandler;
import dev.bulwark.api.CircuitBreakerName;
import dev.bulwark.api.CustomBackoff;
import dev.bulwark.api.CustomBackoffStrategy;
import dev.bulwark.api.ExponentialBackoff;
import dev.bulwark.api.FibonacciBackoff;
import dev.bulwark.api.RetryWhen;
import jakarta.enterprise.context.Dependent;
import java.io.IOException;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;

/** Every invalid use of the retry refinements and of {@code @CircuitBreakerName} fails deployment, naming it. */
class RefinementDefinitionErrorTest {

    @Dependent
    public static class BackoffWithoutRetry {
        @ExponentialBackoff
        public void guarded() {
        }
    }

    @Dependent
    public static class WhenWithoutRetry {
        @RetryWhen
        public void guarded() {
        }
    }

    @Dependent
    @BeforeRetry(methodName = "x")
    public static class BeforeRetryOnClassWithoutRetry {
        public void guarded() {
        }

        void x() {
        }
    }

    @Dependent
    public static class TwoBackoffs {
        @Retry
        @ExponentialBackoff
        @FibonacciBackoff
        public void guarded() {
        }
    }

    @Dependent
    @FibonacciBackoff
    public static class TwoBackoffsMethodAndClass {
        @Retry
        @ExponentialBackoff
        public void guarded() {
        }
    }

    @Dependent
    public static class FactorBelowOne {
        @Retry
        @ExponentialBackoff(factor = 0)
        public void guarded() {
        }
    }

    @Dependent
    public static class NegativeMaxDelay {
        @Retry
        @FibonacciBackoff(maxDelay = -1)
        public void guarded() {
        }
    }

    @Dependent
    public static class Valid {
        @Retry
        @ExponentialBackoff
        public void guarded() {
        }
    }

    public static class NoDefaultConstructor implements CustomBackoffStrategy {
        public NoDefaultConstructor(long delay) {
        }

        @Override
        public long nextDelayInMillis(Throwable exception) {
            return 0;
        }
    }

    @Dependent
    public static class StrategyWithoutConstructor {
        @Retry
        @CustomBackoff(NoDefaultConstructor.class)
        public void guarded() {
        }
    }

    public class InnerPredicate implements Predicate<Object> {
        @Override
        public boolean test(Object o) {
            return false;
        }
    }

    @Dependent
    public static class PredicateWithoutConstructor {
        @Retry
        @RetryWhen(result = InnerPredicate.class)
        public String guarded() {
            return "";
        }
    }

    public static class Always implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable t) {
            return true;
        }
    }

    @Dependent
    public static class ExceptionPredicateAndRetryOn {
        @Retry(retryOn = IOException.class)
        @RetryWhen(exception = Always.class)
        public void guarded() {
        }
    }

    @Dependent
    public static class ExceptionPredicateAndAbortOn {
        @Retry(abortOn = IOException.class)
        @RetryWhen(exception = Always.class)
        public void guarded() {
        }
    }

    @Dependent
    public static class MissingBeforeRetryMethod {
        @Retry
        @BeforeRetry(methodName = "nowhere")
        public void guarded() {
        }
    }

    @Dependent
    public static class BeforeRetryMethodWithParameters {
        @Retry
        @BeforeRetry(methodName = "prepare")
        public void guarded() {
        }

        void prepare(int attempt) {
        }
    }

    public static class Handler implements BeforeRetryHandler {
        @Override
        public void handle(ExecutionContext context) {
        }
    }

    @Dependent
    public static class BeforeRetryHandlerAndMethod {
        @Retry
        @BeforeRetry(value = Handler.class, methodName = "prepare")
        public void guarded() {
        }

        void prepare() {
        }
    }

    @Dependent
    public static class NameWithoutBreaker {
        @CircuitBreakerName("lonely")
        public void guarded() {
        }
    }

    @Dependent
    public static class OneNameTwice {
        @CircuitBreaker
        @CircuitBreakerName("shared")
        public void guarded() {
        }

        @CircuitBreaker
        @CircuitBreakerName("shared")
        public void other() {
        }
    }

    @Dependent
    public static class OneNameInAnotherBean {
        @CircuitBreaker
        @CircuitBreakerName("shared")
        public void elsewhere() {
        }
    }

    @Dependent
    public static class EmptyName {
        @CircuitBreaker
        @CircuitBreakerName(" ")
        public void guarded() {
        }
    }

    private static String error(Class<?>... beans) {
        return definitionError(beans).getMessage();
    }

    @Test
    void shouldRejectABackoffWithoutRetry() {
        assertMentions(error(BackoffWithoutRetry.class), BackoffWithoutRetry.class.getName() + ".guarded()",
                "@ExponentialBackoff needs @Retry");
    }

    @Test
    void shouldRejectRetryWhenWithoutRetry() {
        assertMentions(error(WhenWithoutRetry.class), WhenWithoutRetry.class.getName() + ".guarded()",
                "@RetryWhen needs @Retry");
    }

    @Test
    void shouldRejectAClassLevelBeforeRetryWithoutRetry() {
        assertMentions(error(BeforeRetryOnClassWithoutRetry.class), "guarded()", "@BeforeRetry needs @Retry");
    }

    @Test
    void shouldRejectTwoBackoffsOnOneMethod() {
        assertMentions(error(TwoBackoffs.class), TwoBackoffs.class.getName() + ".guarded()", "at most one backoff",
                "@ExponentialBackoff", "@FibonacciBackoff");
    }

    @Test
    void shouldRejectTwoBackoffsOneOnTheMethodOneOnTheClass() {
        assertMentions(error(TwoBackoffsMethodAndClass.class), "at most one backoff", "@ExponentialBackoff",
                "@FibonacciBackoff");
    }

    @Test
    void shouldRejectAFactorBelowOne() {
        assertMentions(error(FactorBelowOne.class), FactorBelowOne.class.getName() + ".guarded()",
                "@ExponentialBackoff factor must be >= 1, was 0");
    }

    @Test
    void shouldRejectAFactorBelowOneFromConfigNamingTheKey() {
        String key = Valid.class.getName() + "/guarded/ExponentialBackoff/factor";
        assertMentions(definitionError(Map.of(key, "0"), Valid.class).getMessage(), "@ExponentialBackoff factor",
                "was 0", key);
    }

    @Test
    void shouldRejectANegativeMaxDelay() {
        assertMentions(error(NegativeMaxDelay.class), "@FibonacciBackoff maxDelay must be >= 0, was -1");
    }

    @Test
    void shouldRejectANegativeMaxDelayFromConfig() {
        assertMentions(definitionError(Map.of("ExponentialBackoff/maxDelay", "-5"), Valid.class).getMessage(),
                "@ExponentialBackoff maxDelay", "was -5", "ExponentialBackoff/maxDelay");
    }

    @Test
    void shouldRejectAnUnknownMaxDelayUnitFromConfig() {
        assertMentions(definitionError(Map.of("ExponentialBackoff/maxDelayUnit", "FORTNIGHTS"), Valid.class)
                .getMessage(), "ExponentialBackoff/maxDelayUnit", "FORTNIGHTS");
    }

    @Test
    void shouldRejectAStrategyWithoutANoArgumentConstructor() {
        assertMentions(error(StrategyWithoutConstructor.class), "@CustomBackoff value",
                NoDefaultConstructor.class.getName(), "no-argument constructor");
    }

    @Test
    void shouldRejectAStrategyClassFromConfigThatIsNotAStrategy() {
        assertMentions(definitionError(Map.of(StrategyWithoutConstructor.class.getName()
                + "/guarded/CustomBackoff/value", "java.lang.String"), StrategyWithoutConstructor.class).getMessage(),
                "@CustomBackoff value", "must implement " + CustomBackoffStrategy.class.getName());
    }

    @Test
    void shouldRejectAPredicateWithoutAUsableConstructor() {
        assertMentions(error(PredicateWithoutConstructor.class), "@RetryWhen result", InnerPredicate.class.getName());
    }

    @Test
    void shouldRejectAnExceptionPredicateTogetherWithRetryOn() {
        assertMentions(error(ExceptionPredicateAndRetryOn.class), "@RetryWhen exception", "retryOn",
                IOException.class.getName());
    }

    @Test
    void shouldRejectAnExceptionPredicateTogetherWithAbortOn() {
        assertMentions(error(ExceptionPredicateAndAbortOn.class), "@RetryWhen exception", "abortOn");
    }

    @Test
    void shouldRejectABeforeRetryMethodThatDoesNotExist() {
        assertMentions(error(MissingBeforeRetryMethod.class), MissingBeforeRetryMethod.class.getName() + ".guarded()",
                "@BeforeRetry methodName", "was nowhere");
    }

    @Test
    void shouldRejectABeforeRetryMethodWithParameters() {
        assertMentions(error(BeforeRetryMethodWithParameters.class), "@BeforeRetry methodName", "no parameters");
    }

    @Test
    void shouldRejectAHandlerAndAMethodTogether() {
        assertMentions(error(BeforeRetryHandlerAndMethod.class), "@BeforeRetry methodName", Handler.class.getName());
    }

    @Test
    void shouldRejectABreakerNameWithoutABreaker() {
        assertMentions(error(NameWithoutBreaker.class), NameWithoutBreaker.class.getName() + ".guarded()",
                "@CircuitBreakerName needs @CircuitBreaker");
    }

    @Test
    void shouldRejectOneBreakerNameOnTwoMethods() {
        assertMentions(error(OneNameTwice.class), "\"shared\"", OneNameTwice.class.getName() + ".guarded()",
                OneNameTwice.class.getName() + ".other()");
    }

    @Test
    void shouldRejectOneBreakerNameInTwoBeans() {
        assertMentions(error(OneNameTwice.class, OneNameInAnotherBean.class), "\"shared\"",
                OneNameInAnotherBean.class.getName() + ".elsewhere()");
    }

    @Test
    void shouldRejectAnEmptyBreakerName() {
        assertMentions(error(EmptyName.class), "@CircuitBreakerName value", "must not be empty");
    }

    @Test
    void shouldRejectAnEmptyBreakerNameFromConfig() {
        assertMentions(definitionError(Map.of(OneNameInAnotherBean.class.getName()
                + "/elsewhere/CircuitBreakerName/value", " "), OneNameInAnotherBean.class).getMessage(),
                "@CircuitBreakerName value");
    }
}
