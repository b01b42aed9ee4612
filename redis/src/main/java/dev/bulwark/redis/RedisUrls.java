package dev.bulwark.redis;

import io.lettuce.core.RedisURI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URLs a store is given, read once when it is built: the nodes to reach, and the passwords that no message may
 * show. Kept apart from the store so that every message about a URL, valid or not, is redacted the same way.
 */
final class RedisUrls {

    private static final Pattern USER_INFO = Pattern.compile("//([^@/,]+)@");

    private RedisUrls() {
    }

    /**
     * The nodes {@code url} names: one URL (a server, or Sentinels and their master), or for a cluster a
     * comma-separated list of seed nodes. A URL Lettuce cannot read fails here, before any client or thread exists.
     */
    static List<RedisURI> parse(String url, boolean cluster) {
        List<String> parts = new ArrayList<>();
        if (cluster) {
            for (String part : url.split(",")) {
                if (!part.isBlank()) {
                    parts.add(part.trim());
                }
            }
        } else {
            parts.add(url.trim());
        }
        List<RedisURI> uris = new ArrayList<>();
        for (String part : parts) {
            try {
                RedisURI uri = RedisURI.create(part);
                if (cluster && !uri.getSentinels().isEmpty()) {
                    throw new IllegalArgumentException("a Redis Cluster is not reached through Sentinel: give its "
                            + "nodes' redis:// or rediss:// URLs");
                }
                uris.add(uri);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a Redis URL: " + redact(part) + " (" + e.getMessage() + ")", e);
            }
        }
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("not a Redis URL: " + redact(url));
        }
        return uris;
    }

    /**
     * The passwords in the user-info parts of {@code url} (all its URLs), as written and URL-decoded: a driver's
     * message may quote either form. Mutable, so that the store can add the trust store's password.
     */
    static List<String> passwordsOf(String url) {
        List<String> passwords = new ArrayList<>();
        Matcher m = USER_INFO.matcher(url);
        while (m.find()) {
            String info = m.group(1);
            String password = info.indexOf(':') >= 0 ? info.substring(info.indexOf(':') + 1) : info;
            if (!password.isEmpty()) {
                passwords.add(password);
                try {
                    passwords.add(URLDecoder.decode(password, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException notEncoded) {
                    // kept as written
                }
            }
        }
        return passwords;
    }

    /** The URL without its password, for messages. */
    static String redact(String url) {
        return url == null ? "null"
                : url.replaceAll("(//[^:@/,]*:)[^@/,]*@", "$1***@").replaceAll("//[^:@/,]+@", "//***@");
    }
}
