package dev.bulwark.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The records one logger publishes while this is open: for tests that a warning is logged, once, with its text. */
public final class LoggedRecords extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LoggedRecords(Logger logger) {
        this.logger = logger;
    }

    /** Starts capturing what the logger named after {@code source} (the engine's convention) publishes. */
    public static LoggedRecords of(Class<?> source) {
        LoggedRecords capture = new LoggedRecords(Logger.getLogger(source.getName()));
        capture.logger.addHandler(capture);
        return capture;
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    /** Stops capturing. */
    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
