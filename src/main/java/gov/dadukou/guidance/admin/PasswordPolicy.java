package gov.dadukou.guidance.admin;

import gov.dadukou.guidance.ClientException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a staff password must be: 12 to 256 characters, not one of the bundled common passwords (also
 * with its trailing digits and symbols cut off, so {@code sunshine2024!!} counts as {@code sunshine}), not
 * one character repeated or a short pattern repeated ({@code 111111111111}, {@code abcabcabcabc}), not a
 * run of the alphabet, the digits or the keyboard ({@code 123456789012}, {@code abcdefghijkl},
 * {@code qwertyuiopas}, {@code 1qaz2wsx3edc}) either way round, and not the username with digits or symbols after it.
 * Length alone is not enough: the first thing an attacker tries is the list of common passwords.
 * Immutable and thread-safe; the list is read once from the jar.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    /** PBKDF2 hashes the whole input; an upper bound keeps one login from costing more than it should. */
    public static final int MAX_LENGTH = 256;
    private static final String LIST = "/security/common-passwords.txt";
    /**
     * Runs people walk on a keyboard or count along. A password that is a slice of one of these (or of
     * its reverse) is refused. The digits repeat so that a run may wrap past 0 ({@code 789012345678}).
     */
    private static final List<String> RUNS = List.of(
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
            "0123456789".repeat(6),
            "1234567890qwertyuiopasdfghjklzxcvbnm",
            "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
            "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
            "qazwsxedcrfvtgbyhnujmikolp",
            "zaq1xsw2cde3vfr4bgt5nhy6mju7",
            "1q2w3e4r5t6y7u8i9o0p",
            "q1w2e3r4t5y6u7i8o9p0",
            "a1b2c3d4e5f6g7h8i9j0");

    private static final PasswordPolicy DEFAULT = new PasswordPolicy(load());

    private final Set<String> common;

    PasswordPolicy(Set<String> common) {
        this.common = Set.copyOf(common);
    }

    /** The policy with the bundled list. */
    public static PasswordPolicy standard() {
        return DEFAULT;
    }

    /**
     * Refuses a password staff may not use.
     *
     * @param username the account's username (lower case), or null when not known yet
     * @throws ClientException 400 {@code weak_password} with the reason in Chinese
     */
    public void check(char[] password, String username) {
        if (password == null || password.length < MIN_LENGTH) {
            throw weak("密码至少" + MIN_LENGTH + "位。");
        }
        if (password.length > MAX_LENGTH) {
            throw weak("密码最多" + MAX_LENGTH + "位。");
        }
        String lower = new String(password).toLowerCase(Locale.ROOT);
        if (isCommon(lower)) {
            throw weak("这个密码太常见，容易被猜中，请换一个。");
        }
        if (repeatsAShortPattern(lower)) {
            throw weak("密码不能是同一个字符或一小段字符的重复。");
        }
        if (isARun(lower)) {
            throw weak("密码不能是连续的字母、数字或键盘上相邻的按键。");
        }
        if (username != null && !username.isEmpty() && lower.replace(username.toLowerCase(Locale.ROOT), "").chars().noneMatch(Character::isLetter)) {
            throw weak("密码不能只是用户名加数字或符号。");
        }
    }

    boolean isCommon(String lower) {
        if (common.contains(lower)) {
            return true;
        }
        // "password2024!" is the common "password" with a suffix: cut trailing digits and symbols.
        String base = withoutSuffix(lower);
        return !base.isEmpty() && common.contains(base);
    }

    /** The password without its trailing digits and symbols ("sunshine2024!!" → "sunshine"). */
    static String withoutSuffix(String lower) {
        int end = lower.length();
        while (end > 0 && !Character.isLetter(lower.charAt(end - 1))) {
            end--;
        }
        return lower.substring(0, end);
    }

    /** Whether the password is some unit of at most a quarter of its length repeated ("1111…", "abcabc…"). */
    static boolean repeatsAShortPattern(String s) {
        for (int unit = 1; unit <= s.length() / 4; unit++) {
            if (s.length() % unit != 0) {
                continue;
            }
            String head = s.substring(0, unit);
            if (head.repeat(s.length() / unit).equals(s)) {
                return true;
            }
        }
        return false;
    }

    static boolean isARun(String s) {
        String reversed = new StringBuilder(s).reverse().toString();
        for (String run : RUNS) {
            if (run.contains(s) || run.contains(reversed)) {
                return true;
            }
        }
        return false;
    }

    private static ClientException weak(String message) {
        return ClientException.badRequest("weak_password", message);
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + LIST);
            }
            Set<String> out = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String p = line.strip();
                if (!p.isEmpty() && !p.startsWith("#")) {
                    out.add(p.toLowerCase(Locale.ROOT));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + LIST, e);
        }
    }

    /** How many common passwords are bundled (for the security notes and a test). */
    int commonCount() {
        return common.size();
    }
}
