package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RateLimiters;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * An ACL user ({@code redis://user:password@host}): limits shared as that user; its password in no message and in
 * no log line, ours or the driver's, through an outage.
 */
class AclStoreTest {

    private static final String PASSWORD = "acl-s3cret-Pw";

    @Test
    void shouldShareALimitAsAnAclUserAndKeepThePasswordOutOfTheLog() {
        List<String> logged = new CopyOnWriteArrayList<>();
        java.util.logging.Formatter formatter = new java.util.logging.SimpleFormatter();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder line = new StringBuilder(String.valueOf(formatter.formatMessage(record)));
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    line.append(" / ").append(t);
                }
                logged.add(line.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(""); // ours and the driver's (Lettuce logs through JUL here)
        log.addHandler(capture);
        try (RedisServer server = RedisServer.start()) {
            assertTrue(server.command("ACL SETUSER app on >" + PASSWORD + " ~* &* +@all").contains("+OK"));
            String url = "redis://app:" + PASSWORD + "@127.0.0.1:" + server.port();
            try (RedisStore one = RedisStore.create(url); RedisStore two = RedisStore.create(url)) {
                assertTrue(one.toString().contains("redis://app:***@127.0.0.1"), one.toString());
                assertFalse(one.toString().contains(PASSWORD));
                String name = "acl-" + UUID.randomUUID();
                RateLimiterHandle a = RateLimiters.create(r -> r.limit(4, Duration.ofSeconds(30)).shared(one, name));
                RateLimiterHandle b = RateLimiters.create(r -> r.limit(4, Duration.ofSeconds(30)).shared(two, name));
                int granted = 0;
                for (int i = 0; i < 8; i++) {
                    granted += (i % 2 == 0 ? a : b).tryAcquire(1) ? 1 : 0;
                }
                assertEquals(4, granted, "shared as the ACL user");
                server.stop(); // the outage is logged, with the store's URL
                a.tryAcquire(1);
                SharedRedisWait.until(() -> !one.available(), 5_000, "the outage seen");
            }
        } finally {
            log.removeHandler(capture);
        }
        assertFalse(logged.isEmpty(), "the outage was logged");
        for (String line : logged) {
            assertFalse(line.contains(PASSWORD), "no password in the log: " + line);
        }
    }

    @Test
    void shouldRefuseAWrongAclPasswordWithAClearMessageWithoutIt() {
        try (RedisServer server = RedisServer.start()) {
            server.command("ACL SETUSER app on >" + PASSWORD + " ~* &* +@all");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RedisStore.create("redis://app:not-the-Pw9@127.0.0.1:" + server.port()));
            assertTrue(e.getMessage().contains("refused") && e.getMessage().contains("redis://app:***@127.0.0.1")
                    && e.getMessage().contains("user name and password"), e.getMessage());
            assertFalse(e.getMessage().contains("not-the-Pw9"), e.getMessage());
        }
    }
}
