package gov.dadukou.guidance;

import org.junit.jupiter.api.Assumptions;

/**
 * The rule for tests that need a program from a Debian package (as browser/Browser.java does for chromium):
 * on a developer machine ({@code CI} unset) a missing program skips the test, naming the package to install;
 * in CI ({@code CI} set, as .ci/run exports it) it fails, because CI must install it.
 */
final class SystemPackages {
    private SystemPackages() {
    }

    /**
     * Returns normally when {@code present}; otherwise skips (developer machine) or fails (CI) the test.
     *
     * @param what     what is missing, for the message ("PostgreSQL")
     * @param packages the Debian packages that provide it, as given to apt-get install
     */
    static void require(boolean present, String what, String packages) {
        if (present) {
            return;
        }
        if (System.getenv("CI") == null) {
            Assumptions.abort(what + " is not installed (apt-get install " + packages + ")");
        }
        throw new AssertionError("CI must install " + packages + " (.ci/run)");
    }
}
