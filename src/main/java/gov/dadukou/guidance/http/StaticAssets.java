package gov.dadukou.guidance.http;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long browsers may keep the files under {@code /web} (see docs/architecture.md, "Caching of web assets").
 * Two kinds of address: the stable one ({@code /widget.js}), which other sites embed with one script tag and
 * which must pick up a new release soon, is cached for {@link #STABLE} and then revalidated with its ETag
 * (a 304 without the body); the versioned one ({@code /catalogue.js?v=<content hash>}), which our own pages
 * use, never changes and is cached for a year. A {@code v} that is not the current hash is served the current
 * file with the short lifetime, so a page cached across a release still works. Pages are revalidated on
 * every visit ({@code no-cache}), so they always point to the current versions.
 * Thread-safe: hashes are computed once per file from the classpath and remembered.
 */
final class StaticAssets {
    static final String STABLE = "public, max-age=600";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String PAGE = "no-cache";
    /** Local script, style sheet and icon addresses in a page: {@code src="/x.js"}, {@code href="/x.css"}. */
    private static final Pattern LOCAL_ASSET = Pattern.compile("(src|href)=\"(/[A-Za-z0-9/_.-]+\\.(?:js|css|svg|ico))\"");
    private static final Pattern STATIC_FILE = Pattern.compile("/[A-Za-z0-9/_.-]*\\.(?:js|css|svg|ico|png|html)");

    private final String root;
    private final Map<String, Optional<String>> versions = new ConcurrentHashMap<>();

    /** @param root the classpath folder the static files are served from, e.g. {@code /web} */
    StaticAssets(String root) {
        this.root = root;
    }

    /** The first 12 hex digits of the SHA-256 of the file at {@code path} (e.g. {@code /catalogue.js}); empty when there is none. */
    Optional<String> version(String path) {
        return versions.computeIfAbsent(path, this::hash);
    }

    /** The page with each local asset address given its content hash: {@code /catalogue.js} → {@code /catalogue.js?v=…}. */
    String stamp(String html) {
        Matcher m = LOCAL_ASSET.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String path = m.group(2);
            String replacement = version(path).map(v -> m.group(1) + "=\"" + path + "?v=" + v + "\"").orElse(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A before-handler: the Cache-Control of a static file's response (the index page "/" counts as a page). */
    void headers(Context ctx) {
        String path = ctx.path();
        if (path.equals("/") || path.endsWith(".html")) {
            ctx.header("Cache-Control", PAGE);
        } else if (STATIC_FILE.matcher(path).matches()) {
            String v = ctx.queryParam("v");
            boolean current = v != null && version(path).map(v::equals).orElse(false);
            ctx.header("Cache-Control", current ? IMMUTABLE : STABLE);
        }
    }

    private Optional<String> hash(String path) {
        if (path.contains("..")) {
            return Optional.empty();
        }
        try (InputStream in = StaticAssets.class.getResourceAsStream(root + path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return Optional.of(HexFormat.of().formatHex(digest, 0, 6));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + path, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
