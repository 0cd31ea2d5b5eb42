package gov.dadukou.guidance.admin;

import java.util.Arrays;
import java.util.Optional;

/** Staff roles: an editor works on one department's entries, a reviewer does legal review, an admin runs accounts. */
public enum Role {
    EDITOR("editor"), REVIEWER("reviewer"), ADMIN("admin");

    private final String code;

    Role(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Role> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
