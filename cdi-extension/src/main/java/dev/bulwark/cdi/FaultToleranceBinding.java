package dev.bulwark.cdi;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The one binding of Bulwark's interceptor. The extension adds it to every bean class that carries a
 * fault-tolerance annotation, because an interceptor bound to several bindings would only apply to beans
 * that carry all of them.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface FaultToleranceBinding {

    /** The literal the extension adds. */
    final class Literal extends AnnotationLiteral<FaultToleranceBinding> implements FaultToleranceBinding {
        public static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
