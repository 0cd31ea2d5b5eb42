package gov.dadukou.guidance.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Registers the application's endpoints with Javalin and remembers which methods each path answers, so
 * that a wrong method gets {@code 405} with {@code Allow} while an unknown path stays {@code 404}.
 * Filled while the app is configured, read-only afterwards.
 */
final class RouteIndex {
    private record Endpoint(String method, Pattern path) {
    }

    private final RoutesConfig routes;
    private final List<Endpoint> endpoints = new ArrayList<>();

    RouteIndex(RoutesConfig routes) {
        this.routes = routes;
    }

    /** A before-handler: not an endpoint, so it adds no method to the path. */
    void before(String path, Handler handler) {
        routes.before(path, handler);
    }

    void get(String path, Handler handler) {
        routes.get(path, handler);
        remember("GET", path);
        remember("HEAD", path);
    }

    void post(String path, Handler handler) {
        routes.post(path, handler);
        remember("POST", path);
    }

    private void remember(String method, String path) {
        String regex = Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
        endpoints.add(new Endpoint(method, Pattern.compile(regex)));
    }

    /** The methods that have an endpoint at this concrete path; empty when the path is unknown. */
    Set<String> allowed(String path) {
        Set<String> out = new TreeSet<>();
        for (Endpoint e : endpoints) {
            if (e.path().matcher(path).matches()) {
                out.add(e.method());
            }
        }
        return out;
    }
}
