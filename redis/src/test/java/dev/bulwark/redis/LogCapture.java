package dev.bulwark.redis;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record of every logger while it is open (Bulwark's System.Logger and Lettuce's log through
 * java.util.logging here), for counting lines per transition.
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    void clear() {
        records.clear();
    }

    /** Bulwark's WARNINGs whose message contains {@code text}. */
    long bulwark(String text) {
        return records.stream().filter(r -> isBulwark(r) && r.getLevel() == Level.WARNING)
                .filter(r -> String.valueOf(r.getMessage()).contains(text)).count();
    }

    long size() {
        return records.size();
    }

    /** Bulwark's records of any level. */
    long bulwarkLines() {
        return records.stream().filter(LogCapture::isBulwark).count();
    }

    private static boolean isBulwark(LogRecord r) {
        return r.getLoggerName() != null && r.getLoggerName().startsWith("dev.bulwark");
    }

    /** How many records per logger and level. */
    @Override
    public String toString() {
        Map<String, Integer> counts = new TreeMap<>();
        for (LogRecord r : records) {
            counts.merge(r.getLoggerName() + " " + r.getLevel(), 1, Integer::sum);
        }
        return counts.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
