package gov.dadukou.guidance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's nginx running the shipped {@code deploy/nginx/guidance-assistant.conf} in front of test backends:
 * {@code try (NginxServer nginx = NginxServer.start(portA, portB)) { … nginx.port() … }}.
 * <p>
 * The test proves the shipped file, not a look-alike: a copy of it is included unchanged except for
 * {@link #rewrite two kinds of lines}: {@code listen 80;} becomes a free port of 127.0.0.1, and the upstream's
 * {@code server 127.0.0.1:NNNN <parameters>;} lines become one line per given port with the same parameters.
 * A generated main config around it keeps everything (pid, logs, temp files) in a temp prefix, runs in the
 * foreground so this object owns the process, and runs the workers as root when we are root (so they can
 * write the temp files). Without nginx the test is skipped on a developer machine and fails in CI.
 * Not thread-safe: one test owns one instance.
 */
public final class NginxServer implements AutoCloseable {
    static final Path NGINX = Path.of("/usr/sbin/nginx");
    static final Path SHIPPED_CONF = Path.of("deploy/nginx/guidance-assistant.conf");
    private static final Pattern LISTEN = Pattern.compile("(?m)^(\\s*)listen\\s+80;[ \\t]*$");
    private static final Pattern UPSTREAM_SERVER =
            Pattern.compile("(?m)^(\\s*)server\\s+127\\.0\\.0\\.1:\\d+((?:\\s+[^;\\s]+)*);[ \\t]*\\n");
    private static final int START_ATTEMPTS = 5;
    private static final long START_MILLIS = 10_000;

    private final Path prefix;
    private final Process process;
    private final int port;

    /** Ends nginx if the JVM exits without {@link #close()} (a test run cut short), so no orphan keeps the port. */
    private final Thread orphanGuard;

    private NginxServer(Path prefix, Process process, int port) {
        this.prefix = prefix;
        this.process = process;
        this.port = port;
        this.orphanGuard = new Thread(process::destroy, "nginx-test-shutdown"); // SIGTERM: the master ends its workers
        Runtime.getRuntime().addShutdownHook(orphanGuard);
    }

    /** Starts nginx with the shipped config proxying to these ports of 127.0.0.1. */
    public static NginxServer start(int... upstreamPorts) throws IOException {
        SystemPackages.require(Files.isExecutable(NGINX), "nginx", "nginx-light");
        if (upstreamPorts.length == 0) {
            throw new IllegalArgumentException("at least one upstream port");
        }
        String shipped = Files.readString(SHIPPED_CONF, StandardCharsets.UTF_8);
        rewrite(shipped, 1, upstreamPorts); // a shipped file the rewrite no longer fits fails here, before any temp dir
        for (int attempt = 1; ; attempt++) {
            Path prefix = Files.createTempDirectory("guidance-nginx");
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            try {
                return launch(prefix, port, rewrite(shipped, port, upstreamPorts));
            } catch (IOException e) {
                if (Files.exists(prefix)) { // launch deletes it when nginx started and failed
                    TestDirs.delete(prefix);
                }
                // Another process took the port between the probe and nginx's bind: try another one.
                if (attempt == START_ATTEMPTS || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    /**
     * The shipped config with {@code listen 80;} on {@code 127.0.0.1:port} and the upstream's server lines
     * replaced by one per port, keeping the first line's parameters ({@code max_fails}, {@code fail_timeout}).
     *
     * @throws IllegalStateException when the file no longer has exactly one such listen line, or no server
     *                               line: the rewrite would not test what operators install
     */
    static String rewrite(String conf, int port, int... upstreamPorts) {
        Matcher listen = LISTEN.matcher(conf);
        if (!listen.find() || listen.find()) {
            throw new IllegalStateException(SHIPPED_CONF + " must have exactly one 'listen 80;' line");
        }
        String listening = LISTEN.matcher(conf).replaceFirst("$1listen 127.0.0.1:" + port + ";");
        Matcher server = UPSTREAM_SERVER.matcher(listening);
        if (!server.find()) {
            throw new IllegalStateException(SHIPPED_CONF + " must list its instances as 'server 127.0.0.1:PORT …;'");
        }
        StringBuilder servers = new StringBuilder();
        for (int p : upstreamPorts) {
            servers.append(server.group(1)).append("server 127.0.0.1:").append(p).append(server.group(2)).append(";\n");
        }
        StringBuilder out = new StringBuilder(listening.substring(0, server.start())).append(servers);
        int end = server.end();
        while (server.find()) { // the shipped file's other instances are dropped
            out.append(listening, end, server.start());
            end = server.end();
        }
        return out.append(listening.substring(end)).toString();
    }

    private static NginxServer launch(Path prefix, int port, String site) throws IOException {
        Files.writeString(prefix.resolve("guidance-assistant.conf"), site, StandardCharsets.UTF_8);
        Files.writeString(prefix.resolve("nginx.conf"), mainConfig(prefix), StandardCharsets.UTF_8);
        Path errorLog = prefix.resolve("error.log");
        Process process = new ProcessBuilder(NGINX.toString(), "-p", prefix + "/", "-c", prefix.resolve("nginx.conf").toString(),
                "-e", errorLog.toString()).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("stderr.log").toFile()).start();
        NginxServer nginx = new NginxServer(prefix, process, port);
        long deadline = System.currentTimeMillis() + START_MILLIS;
        while (true) {
            if (!process.isAlive()) {
                String logs = nginx.logs();
                nginx.close();
                throw new IOException("nginx exited with " + process.exitValue() + logs);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return nginx;
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    String logs = nginx.logs();
                    nginx.close();
                    throw new IOException("nginx did not listen on " + port + " within " + START_MILLIS + " ms" + logs);
                }
                sleep(20);
            }
        }
    }

    /** The main config: what Debian's /etc/nginx/nginx.conf provides, with every path inside the prefix. */
    private static String mainConfig(Path prefix) {
        boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        return (root ? "user root root;\n" : "")
                + "daemon off;\n"
                + "worker_processes 1;\n"
                + "pid " + prefix.resolve("nginx.pid") + ";\n"
                + "error_log " + prefix.resolve("error.log") + " info;\n"
                + "events { worker_connections 256; }\n"
                + "http {\n"
                + "    access_log " + prefix.resolve("access.log") + ";\n"
                + "    client_body_temp_path " + prefix.resolve("client_body") + ";\n"
                + "    proxy_temp_path " + prefix.resolve("proxy") + ";\n"
                + "    fastcgi_temp_path " + prefix.resolve("fastcgi") + ";\n"
                + "    uwsgi_temp_path " + prefix.resolve("uwsgi") + ";\n"
                + "    scgi_temp_path " + prefix.resolve("scgi") + ";\n"
                + "    include " + prefix.resolve("guidance-assistant.conf") + ";\n"
                + "}\n";
    }

    public int port() {
        return port;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The error log and nginx's own output, for failure messages. */
    public String logs() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("stderr.log", "error.log")) {
            try {
                String text = Files.readString(prefix.resolve(name), StandardCharsets.UTF_8);
                out.append("\n--- ").append(name).append(" ---\n").append(text.substring(Math.max(0, text.length() - 3000)));
            } catch (IOException e) {
                out.append("\n--- ").append(name).append(": ").append(e.getMessage());
            }
        }
        return out.toString();
    }

    /** Stops nginx (SIGTERM: the master ends its workers), waits for it and deletes the prefix. */
    @Override
    public void close() throws IOException {
        List<ProcessHandle> workers = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                workers.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(orphanGuard);
        } catch (IllegalStateException shuttingDown) {
            // close() called from another shutdown hook: the guard runs anyway and finds nginx gone
        }
        TestDirs.delete(prefix);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
