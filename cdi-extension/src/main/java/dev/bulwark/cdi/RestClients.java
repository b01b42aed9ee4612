package dev.bulwark.cdi;

import java.lang.annotation.Annotation;

/** Tells MP Rest Client interfaces by their annotation's name, so the Rest Client API stays optional. */
final class RestClients {

    static final String REGISTER_REST_CLIENT = "org.eclipse.microprofile.rest.client.inject.RegisterRestClient";

    private RestClients() {
    }

    /** Whether {@code type} is an interface annotated {@code @RegisterRestClient}. */
    static boolean isRestClient(Class<?> type) {
        if (!type.isInterface()) {
            return false;
        }
        for (Annotation annotation : type.getAnnotations()) {
            if (annotation.annotationType().getName().equals(REGISTER_REST_CLIENT)) {
                return true;
            }
        }
        return false;
    }
}
