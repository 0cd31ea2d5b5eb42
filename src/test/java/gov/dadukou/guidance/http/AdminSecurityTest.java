package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every staff route refuses an anonymous request and a request from the wrong role; CSRF and login delays hold. */
class AdminSecurityTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_PASSWORD = "first-admin-password-1";
    @TempDir
    static Path dataDir;
    static TestServer server;
    static Map<String, StaffClient> staff;

    @BeforeAll
    static void start() {
        server = new TestServer(AppConfig.forDirs(dataDir, TestServer.SHIPPED_KB).withDense(false).withAdminPassword(ADMIN_PASSWORD),
                Clock.systemUTC());
        StaffClient admin = login("admin", ADMIN_PASSWORD);
        assertEquals(201, send("POST", "/admin/api/accounts", admin, true,
                "{\"username\":\"editor1\",\"password\":\"editor-password-1\",\"role\":\"editor\",\"department\":\"区市场监管局\"}").statusCode());
        assertEquals(201, send("POST", "/admin/api/accounts", admin, true,
                "{\"username\":\"reviewer1\",\"password\":\"reviewer-password-1\",\"role\":\"reviewer\"}").statusCode());
        staff = Map.of("ADMIN", admin, "EDITOR", login("editor1", "editor-password-1"), "REVIEWER", login("reviewer1", "reviewer-password-1"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static StaffClient login(String user, String password) {
        return StaffClient.login(server, user, password);
    }

    /** A request to a route template, filled with a real entry, so that a refusal is the guard's and not a 404. */
    static HttpResponse<String> send(String method, String path, StaffClient who, boolean withCsrf, String body) {
        return StaffClient.send(server, method, path.replace("{id}", "scjg-yyzz-xingmu").replace("{username}", "editor1").replace("{ticket}", "2026-1202-0001"),
                who == null ? null : who.cookie(),
                who != null && withCsrf ? who.csrf() : null, body);
    }

    @Test
    void everyStaffRouteRefusesAnAnonymousRequest() throws Exception {
        List<String[]> routes = HttpApp.adminRouteTable(server.assistant);
        assertTrue(routes.size() >= 8);
        for (String[] r : routes) {
            HttpResponse<String> res = send(r[0], r[1], null, false, r[0].equals("POST") ? "{}" : null);
            assertEquals(401, res.statusCode(), r[0] + " " + r[1]);
            assertEquals("not_signed_in", JSON.readTree(res.body()).get("error").get("code").asText());
        }
    }

    @Test
    void everyStaffRouteRefusesTheWrongRole() throws Exception {
        for (String[] r : HttpApp.adminRouteTable(server.assistant)) {
            for (String role : List.of("ADMIN", "EDITOR", "REVIEWER")) {
                if (r[2].contains(role)) {
                    continue;
                }
                HttpResponse<String> res = send(r[0], r[1], staff.get(role), true, r[0].equals("POST") ? "{}" : null);
                assertEquals(403, res.statusCode(), role + " on " + r[0] + " " + r[1]);
            }
        }
    }

    @Test
    void theEditorCannotReachTheAccountsPage() throws Exception {
        assertEquals(403, send("GET", "/admin/api/accounts", staff.get("EDITOR"), false, null).statusCode());
        assertEquals(200, send("GET", "/admin/api/accounts", staff.get("ADMIN"), false, null).statusCode());
    }

    @Test
    void stateChangingRequestsWithoutTheCsrfTokenAreRefused() throws Exception {
        HttpResponse<String> r = send("POST", "/admin/api/accounts", staff.get("ADMIN"), false,
                "{\"username\":\"nocsrf\",\"password\":\"no-csrf-password-1\",\"role\":\"reviewer\"}");
        assertEquals(403, r.statusCode());
        assertEquals("csrf_invalid", JSON.readTree(r.body()).get("error").get("code").asText());
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        HttpResponse<String> r = send("POST", "/admin/api/login", null, false, "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=strict"), cookie);
    }

    @Test
    void repeatedFailuresRefuseThatUsernameFromThatAddressForAWhileWithRetryAfter() throws Exception {
        StaffClient admin = staff.get("ADMIN");
        send("POST", "/admin/api/accounts", admin, true, "{\"username\":\"victim\",\"password\":\"victim-password-1\",\"role\":\"reviewer\"}");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, send("POST", "/admin/api/login", null, false, "{\"username\":\"victim\",\"password\":\"wrong-password\"}").statusCode());
        }
        HttpResponse<String> slowed = send("POST", "/admin/api/login", null, false, "{\"username\":\"victim\",\"password\":\"victim-password-1\"}");
        assertEquals(429, slowed.statusCode(), slowed.body());
        assertEquals("too_many_attempts", JSON.readTree(slowed.body()).get("error").get("code").asText());
        assertTrue(slowed.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void viewingConsentRecordsIsAudited() throws Exception {
        assertEquals(200, send("GET", "/admin/api/consents", staff.get("REVIEWER"), false, null).statusCode());
        JsonNode audit = JSON.readTree(send("GET", "/admin/api/audit", staff.get("ADMIN"), false, null).body());
        boolean seen = false;
        for (JsonNode row : audit) {
            seen |= row.get("username").asText().equals("reviewer1") && row.get("action").asText().equals("view-consents");
        }
        assertTrue(seen, audit.toString());
    }

    @Test
    void unansweredQuestionsAreLoggedMaskedAndGrouped() throws Exception {
        server.chat("我的手机13812341234怎么办理护照", null);
        server.chat("怎么办理护照加急", null);
        server.chat("护照办理要多久", null);
        server.chat("营业执照要挂出来吗", null);
        JsonNode gaps = JSON.readTree(send("GET", "/admin/api/questions/gaps?days=1", staff.get("EDITOR"), false, null).body());
        JsonNode top = gaps.get("gaps").get(0);
        assertTrue(top.get("count").asInt() >= 2, gaps.toString());
        assertTrue(top.get("representative").asText().contains("护照"), gaps.toString());
        assertFalse(gaps.toString().contains("13812341234"), "phone numbers are masked before storing");
        assertFalse(gaps.toString().contains("营业执照要挂出来吗"), "answered questions are not gaps");
    }
}
