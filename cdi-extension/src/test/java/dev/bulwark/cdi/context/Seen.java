package dev.bulwark.cdi.context;

/** What one step of an asynchronous call saw of its caller's context, and on which thread. */
record Seen(String step, String tenant, String user, boolean requestActive, Thread thread) {
}
