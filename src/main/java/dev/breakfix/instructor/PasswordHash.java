package dev.breakfix.instructor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes in Django's format, {@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>},
 * so that a trainer can make one with Python's standard library as well as with this class:
 * <pre>java -cp target/quarkus-app/app/breakfix-*.jar dev.breakfix.instructor.PasswordHash 'the password'</pre>
 */
public final class PasswordHash {

    static final String ALGORITHM = "pbkdf2_sha256";
    static final int DEFAULT_ITERATIONS = 310_000;
    private static final int MAX_ITERATIONS = 5_000_000;

    private PasswordHash() {
    }

    public static String create(String password, int iterations) {
        byte[] salt = new byte[12];
        new SecureRandom().nextBytes(salt);
        String s = HexFormat.of().formatHex(salt);
        return ALGORITHM + "$" + iterations + "$" + s + "$"
                + Base64.getEncoder().encodeToString(derive(password, s, iterations));
    }

    /** True when {@code password} matches {@code hash}; false for a malformed hash (never an exception). */
    public static boolean matches(String hash, String password) {
        if (hash == null || password == null) {
            return false;
        }
        String[] parts = hash.strip().split("\\$", -1);
        if (parts.length != 4 || !ALGORITHM.equals(parts[0]) || parts[2].isEmpty()) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                return false;
            }
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, parts[2], iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True when {@code hash} has the form this class reads. */
    public static boolean wellFormed(String hash) {
        if (hash == null) {
            return false;
        }
        String[] parts = hash.strip().split("\\$", -1);
        try {
            return parts.length == 4 && ALGORITHM.equals(parts[0]) && Integer.parseInt(parts[1]) > 0 && !parts[2].isEmpty()
                    && Base64.getDecoder().decode(parts[3]).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String password, String salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints the hash of the password given as the argument (or read from the console). */
    public static void main(String[] args) {
        String password;
        if (args.length > 0) {
            password = args[0];
        } else if (System.console() != null) {
            password = new String(System.console().readPassword("Password: "));
        } else {
            System.err.println("usage: PasswordHash <password>");
            System.exit(2);
            return;
        }
        System.out.println(create(password, DEFAULT_ITERATIONS));
    }
}
