package gov.dadukou.guidance.admin;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.LongAdder;

/**
 * PBKDF2-HMAC-SHA256 from the JDK, at OWASP's recommended 600,000 iterations, 16-byte random salt,
 * 32-byte key. The stored form carries its parameters ({@code pbkdf2-sha256$iterations$salt$hash}), so
 * raising the count later still verifies old hashes. Thread-safe.
 */
public final class PasswordHasher {
    public static final int OWASP_ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    /** PBKDF2 iterations run by {@link #matches}: equal work for equal paths can be checked without a stopwatch. */
    private final LongAdder verifiedIterations = new LongAdder();

    public PasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
    }

    public String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return stored(iterations, salt, derive(password, salt, iterations));
    }

    /**
     * A stored form with this hasher's parameters, a random salt and a random key in place of a derived one: verifying
     * any password against it costs one full derivation, like a real hash of this hasher, and matches none (a random
     * 256-bit key). What an unknown username is checked against; costs nothing to make, unlike {@link #hash} (a
     * noticeable part of a start-up at {@link #OWASP_ITERATIONS}).
     */
    public String unmatchable() {
        byte[] salt = new byte[16];
        byte[] key = new byte[32];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(key);
        return stored(iterations, salt, key);
    }

    private static String stored(int iterations, byte[] salt, byte[] key) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    /**
     * Like {@link #verify} and counted in {@link #verifiedIterations()}. Login uses this one, so that a test
     * can check that an unknown username costs the same hashing as a wrong password.
     */
    public boolean matches(char[] password, String stored) {
        verifiedIterations.add(iterationsOf(stored));
        return verify(password, stored);
    }

    /** PBKDF2 iterations run by {@link #matches} on this hasher so far. */
    public long verifiedIterations() {
        return verifiedIterations.sum();
    }

    /** The iteration count in a stored hash; 0 when it is malformed. */
    static int iterationsOf(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        try {
            return parts.length == 4 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0; // malformed: verify() refuses it without hashing
        }
    }

    /** Constant-time comparison; false for a malformed stored value. */
    public static boolean verify(char[] password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            return false;
        }
        try {
            int n = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, n));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required by every Java platform", e);
        }
    }
}
