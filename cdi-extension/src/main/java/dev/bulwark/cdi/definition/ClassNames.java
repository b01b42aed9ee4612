package dev.bulwark.cdi.definition;

/**
 * The name a bean class goes by in config keys, metric names and messages: its own, except for the bean Quarkus'
 * REST client generates for an MP Rest Client interface ({@code <interface>$$CDIWrapper}, which copies the
 * interface's annotations), which goes by its interface's name: the name the user wrote the annotations on.
 */
public final class ClassNames {

    static final String REGISTER_REST_CLIENT = "org.eclipse.microprofile.rest.client.inject.RegisterRestClient";

    /** The suffix of the class quarkus-rest-client generates as the CDI bean of a REST client interface. */
    static final String REST_CLIENT_WRAPPER = "$$CDIWrapper";

    private ClassNames() {
    }

    static String of(Class<?> beanClass) {
        Class<?> client = restClientInterface(beanClass);
        return client != null ? client.getName() : beanClass.getName();
    }

    /**
     * Whether {@code beanClass} is the bean of an MP Rest Client: Quarkus' generated class, or the interface itself
     * (annotated {@code @RegisterRestClient}, named by string so that the Rest Client API stays optional) when an
     * implementation makes its bean from the interface.
     */
    public static boolean isRestClient(Class<?> beanClass) {
        if (restClientInterface(beanClass) != null) {
            return true;
        }
        if (!beanClass.isInterface()) {
            return false;
        }
        for (java.lang.annotation.Annotation annotation : beanClass.getAnnotations()) {
            if (annotation.annotationType().getName().equals(REGISTER_REST_CLIENT)) {
                return true;
            }
        }
        return false;
    }

    /** The REST client interface {@code beanClass} was generated for, or null if it is an ordinary bean class. */
    static Class<?> restClientInterface(Class<?> beanClass) {
        Class<?>[] interfaces = beanClass.getInterfaces();
        if (beanClass.getName().endsWith(REST_CLIENT_WRAPPER) && interfaces.length == 1
                && beanClass.getName().equals(interfaces[0].getName() + REST_CLIENT_WRAPPER)) {
            return interfaces[0];
        }
        return null;
    }
}
