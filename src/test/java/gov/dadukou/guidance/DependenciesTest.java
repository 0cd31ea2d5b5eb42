package gov.dadukou.guidance;

import com.fasterxml.jackson.core.Version;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What docs/dependencies.md promises about the runtime classpath. */
class DependenciesTest {
    private static final Version FIXED = new Version(2, 21, 1, null, "com.fasterxml.jackson.core", "jackson-core");

    @Test
    void jacksonIsPastTheAdvisoryGhsa72hv8253() {
        Version core = com.fasterxml.jackson.core.json.PackageVersion.VERSION;
        Version databind = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION;
        assertTrue(core.compareTo(FIXED) >= 0, "jackson-core " + core);
        assertTrue(databind.compareTo(new Version(2, 21, 1, null, databind.getGroupId(), databind.getArtifactId())) >= 0,
                "jackson-databind " + databind);
    }

    @Test
    void jettysWebSocketModulesAreNotShipped() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.eclipse.jetty.websocket.core.server.WebSocketServerComponents"));
    }
}
