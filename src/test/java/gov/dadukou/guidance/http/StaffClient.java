package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.TestServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A signed-in staff member of a test server: the session cookie and CSRF token, and requests made as them. */
record StaffClient(TestServer server, String cookie, String csrf) {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static StaffClient login(TestServer server, String user, String password) {
        return signIn(server, null, user, password);
    }

    /** Signs in as a client behind the trusted proxy at {@code forwardedFor} (null: the TCP peer). */
    static StaffClient signIn(TestServer server, String forwardedFor, String user, String password) {
        HttpResponse<String> r = loginFrom(server, forwardedFor, user, password);
        if (r.statusCode() != 200) {
            throw new AssertionError("login " + user + ": " + r.statusCode() + " " + r.body());
        }
        return new StaffClient(server, r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0], json(r).get("csrfToken").asText());
    }

    /** A request as this staff member; state-changing ones carry the CSRF token. */
    HttpResponse<String> request(String method, String path, String body) {
        return send(server, method, path, cookie, method.equals("GET") ? null : csrf, body);
    }

    JsonNode ok(String method, String path, String body) {
        HttpResponse<String> r = request(method, path, body);
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }

    static HttpResponse<String> send(TestServer server, String method, String path, String cookie, String csrf, String body) {
        return send(server, method, path, cookie, csrf, body, null);
    }

    /** A login attempt as a client behind the server's trusted proxy (the test server must trust 127.0.0.1). */
    static HttpResponse<String> loginFrom(TestServer server, String forwardedFor, String user, String password) {
        return send(server, "POST", "/admin/api/login", null, null,
                JSON.createObjectNode().put("username", user).put("password", password).toString(), forwardedFor);
    }

    static HttpResponse<String> send(TestServer server, String method, String path, String cookie, String csrf, String body,
                                     String forwardedFor) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null) {
            b.header(AdminRoutes.CSRF_HEADER, csrf);
        }
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path, e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }
}
