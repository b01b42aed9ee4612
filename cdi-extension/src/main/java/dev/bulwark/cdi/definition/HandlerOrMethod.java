package dev.bulwark.cdi.definition;

/**
 * What an annotation that takes either a handler class or the name of a method of the bean ({@code @Fallback},
 * {@code @BeforeRetry}) names: exactly one of the two, never both or neither.
 *
 * @param handler the handler class, or null
 * @param methodName the method's name, or null
 */
record HandlerOrMethod(Class<?> handler, String methodName) {

    /**
     * Reads {@code value} and {@code methodParam} of the annotation {@code p} reads; null (with a problem) if both or
     * neither are given.
     *
     * @param none the class that stands for "no handler" in {@code value}
     * @param handlerKind the handler interface's simple name, for the problem
     */
    static HandlerOrMethod read(AnnotationParameters p, String methodParam, Class<?> none, String handlerKind) {
        Class<?> handler = p.classValue("value");
        String methodName = p.stringValue(methodParam);
        boolean hasHandler = handler != none;
        boolean hasMethod = methodName != null && !methodName.isEmpty();
        if (hasHandler && hasMethod) {
            p.invalid(methodParam, methodName, "must be empty when a " + handlerKind + " (" + handler.getName()
                    + ") is given");
            return null;
        }
        if (!hasHandler && !hasMethod) {
            p.invalid("value", "DEFAULT", "must name a " + handlerKind + ", or " + methodParam + " a method,");
            return null;
        }
        return hasHandler ? new HandlerOrMethod(handler, null) : new HandlerOrMethod(null, methodName);
    }
}
