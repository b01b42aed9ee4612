package dev.bulwark.impl.partition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a caller's partition key becomes, locally and in a shared store. Keys are untrusted input: a short key of
 * plain characters is used as it is; any other (long, or with characters a store's key syntax gives meaning to:
 * {@code :}, <code>{</code>, <code>}</code>, {@code *}, spaces, line breaks) is replaced by its SHA-256, so no key can
 * reach another key's or another method's state and none is ever stored whole. The null key has an id of its own
 * that no key can have.
 */
public final class PartitionKeys {

    /** Longer keys are hashed: memory per partition stays bounded whatever callers send. */
    public static final int MAX_PLAIN_LENGTH = 64;

    /** The null key's id: '~' is not a plain character, so no key maps to it. */
    public static final String NULL_ID = "~null";

    private PartitionKeys() {
    }

    /** The key's id: itself when short and plain, else {@code #} and its SHA-256 in hex (never a plain key). */
    public static String id(String key) {
        if (key == null) {
            return NULL_ID;
        }
        return plain(key) ? key : "#" + sha256(key);
    }

    private static boolean plain(String key) {
        int n = key.length();
        if (n == 0 || n > MAX_PLAIN_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '.' || c == '@';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
