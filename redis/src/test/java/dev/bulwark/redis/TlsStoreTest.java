package dev.bulwark.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.api.RateLimiterHandle;
import dev.bulwark.api.RateLimiters;
import dev.bulwark.impl.shared.SharedState;
import dev.bulwark.impl.shared.SharedStoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://}: a CA and a server certificate for 127.0.0.1 and localhost made by openssl, a redis-server that
 * speaks TLS only; limits shared over TLS, and a CA that did not sign the server's certificate refused at start.
 */
class TlsStoreTest {

    @TempDir
    static Path dir;
    static RedisProcess server;
    static String url;
    static RedisProcess misnamed;

    @BeforeAll
    static void startTlsServer() {
        certificateAuthority("ca");
        certificateAuthority("other-ca");
        RedisProcess.run(dir, List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key",
                "-out", "server.csr", "-subj", "/CN=redis-test"));
        write("san.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        RedisProcess.run(dir, List.of("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey",
                "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "san.ext"));
        int port = RedisServer.freePort();
        server = RedisProcess.start(dir, port, "--tls-port", Integer.toString(port), "--port", "0", "--bind",
                "127.0.0.1", "--tls-cert-file", "server.crt", "--tls-key-file", "server.key", "--tls-ca-cert-file",
                "ca.crt", "--tls-auth-clients", "no", "--save", "", "--appendonly", "no");
        url = "rediss://127.0.0.1:" + port;
        // Signed by the right CA, but for another host name.
        RedisProcess.run(dir, List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key",
                "-out", "other.csr", "-subj", "/CN=elsewhere.example"));
        write("other.ext", "subjectAltName=DNS:elsewhere.example\n");
        RedisProcess.run(dir, List.of("openssl", "x509", "-req", "-in", "other.csr", "-CA", "ca.crt", "-CAkey",
                "ca.key", "-CAcreateserial", "-out", "other.crt", "-days", "2", "-extfile", "other.ext"));
        int otherPort = RedisServer.freePort();
        misnamed = RedisProcess.start(dir, otherPort, "--tls-port", Integer.toString(otherPort), "--port", "0",
                "--bind", "127.0.0.1", "--tls-cert-file", "other.crt", "--tls-key-file", "other.key",
                "--tls-ca-cert-file", "ca.crt", "--tls-auth-clients", "no", "--save", "", "--appendonly", "no");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.kill();
        }
        if (misnamed != null) {
            misnamed.kill();
        }
    }

    private static void certificateAuthority(String name) {
        RedisProcess.run(dir, List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                name + ".key", "-out", name + ".crt", "-days", "2", "-subj", "/CN=" + name));
    }

    private static void write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldShareALimitOverTls() {
        try (RedisStore one = RedisStore.builder(url).tlsCaFile(dir.resolve("ca.crt")).build();
                SharedState two = new RedisStoreFactory().open(SharedStoreOptions.builder(url)
                        .tlsCaFile(dir.resolve("ca.crt").toString()).build())) {
            assertTrue(one.available() && two.available());
            String name = "tls-" + UUID.randomUUID();
            RateLimiterHandle a = RateLimiters.create(r -> r.limit(5, Duration.ofSeconds(30)).shared(one, name));
            RateLimiterHandle b = RateLimiters.create(r -> r.limit(5, Duration.ofSeconds(30)).shared(two, name));
            int granted = 0;
            for (int i = 0; i < 10; i++) {
                granted += (i % 2 == 0 ? a : b).tryAcquire(1) ? 1 : 0;
            }
            assertEquals(5, granted, "5 for both replicas together, over TLS");
        }
    }

    @Test
    void shouldFailAtStartWhenTheServersCertificateIsNotSignedByTheGivenCa() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisStore.builder(url.replace("rediss://", "rediss://s3cret-pass@"))
                        .tlsCaFile(dir.resolve("other-ca.crt")).build());
        assertTrue(e.getMessage().contains("TLS handshake") && e.getMessage().contains(url.replace("rediss://",
                "rediss://***@")) && e.getMessage().contains("bulwark.redis.tls.ca-file"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-pass"), e.getMessage());
    }

    @Test
    void shouldVerifyTheServersNameAgainstItsCertificate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisStore.builder("rediss://127.0.0.1:" + misnamed.port()).tlsCaFile(dir.resolve("ca.crt"))
                        .build());
        assertTrue(e.getMessage().contains("TLS handshake") && e.getMessage().contains("names the URL's host"),
                e.getMessage());
    }

    @Test
    void shouldNameTheConfigKeyForAnUnreadableCaFile() {
        FaultToleranceDefinitionException e = assertThrows(FaultToleranceDefinitionException.class,
                () -> new RedisStoreFactory().open(SharedStoreOptions.builder(url)
                        .tlsCaFile(dir.resolve("missing.crt").toString()).build()));
        assertTrue(e.getMessage().contains("missing.crt") && e.getMessage().contains("cannot be read"),
                e.getMessage());
    }
}
