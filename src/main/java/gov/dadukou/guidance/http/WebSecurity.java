package gov.dadukou.guidance.http;

import io.javalin.http.Context;

import java.util.Set;

/**
 * Response headers that keep pages and the API safe: a Content-Security-Policy on everything the app
 * serves (scripts only from the app itself), and CORS on the public API for the configured site
 * origins only. Admin routes never get CORS headers. Immutable, thread-safe.
 */
final class WebSecurity {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'self'";

    private final Set<String> allowedOrigins;

    WebSecurity(Iterable<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf((java.util.Collection<String>) toList(allowedOrigins));
    }

    private static java.util.List<String> toList(Iterable<String> it) {
        java.util.List<String> list = new java.util.ArrayList<>();
        it.forEach(list::add);
        return list;
    }

    /** Before every request. */
    void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        if (ctx.path().startsWith("/api/")) {
            String origin = ctx.header("Origin");
            ctx.header("Vary", "Origin");
            if (origin != null && allowedOrigins.contains(origin)) {
                ctx.header("Access-Control-Allow-Origin", origin);
                ctx.header("Access-Control-Expose-Headers", "Content-Type, Retry-After");
            }
        }
    }

    /** {@code OPTIONS /api/*}: the CORS preflight; allowed only for the configured origins. */
    void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && allowedOrigins.contains(origin)) {
            ctx.header("Access-Control-Allow-Methods", "GET, POST");
            ctx.header("Access-Control-Allow-Headers", "Content-Type, X-Withdraw-Token");
            ctx.header("Access-Control-Max-Age", "600");
        }
        ctx.status(204);
    }
}
