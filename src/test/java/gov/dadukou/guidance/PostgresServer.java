package gov.dadukou.guidance;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: Debian's binaries, {@code initdb} in a temp dir, the server on a
 * free port of 127.0.0.1 (and a Unix socket in the temp dir), password authentication (scram-sha-256) for the
 * superuser {@link #USER}, durability off for speed. Tests ask it for {@linkplain #createDatabase() a fresh,
 * empty database} each, so they never see each other's rows.
 * <p>
 * Most tests share one cluster per JVM ({@link #shared()}, started on first use in ~1 s and stopped by a
 * shutdown hook), usually through the extension: {@code @RegisterExtension static final PostgresServer.Fresh
 * pg = PostgresServer.freshDatabaseEachTest();} then {@code pg.database().url()}. Tests of the cluster itself
 * {@link #start()} their own. When the JVM runs as root (CI, containers), initdb and postgres, which refuse
 * root, run as the {@code postgres} user that Debian's package creates, through {@code runuser}.
 * <p>
 * Without PostgreSQL the test is skipped on a developer machine and fails in CI ({@link SystemPackages}).
 * Thread-safe: {@link #createDatabase()} and {@link #dropDatabase} may be called from any thread.
 */
public final class PostgresServer implements AutoCloseable {
    /** The superuser tests connect as, with the cluster's generated {@link #password()}. */
    public static final String USER = "guidance_test";
    private static final String PACKAGE = "postgresql";
    private static final String OS_USER = "postgres";
    private static final long COMMAND_SECONDS = 60;
    private static final int START_ATTEMPTS = 5;
    /** initdb and postgres refuse to run as root (uid 0, whatever the account is called). */
    private static final boolean ROOT = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    private static PostgresServer shared; // guarded by PostgresServer.class

    /** A database tests may use as their own: a JDBC URL and the superuser's credentials. */
    public record Database(String url, String user, String password) {
        /** The database's name, the last part of the URL. */
        public String name() {
            return url.substring(url.lastIndexOf('/') + 1);
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    private final Path binDir;
    private final Path dir;
    private final String password;
    private final AtomicInteger databases = new AtomicInteger();
    private int port;
    private int versionNum; // server_version_num, e.g. 150018
    private volatile boolean stopped;

    private PostgresServer(Path binDir, Path dir, String password) {
        this.binDir = binDir;
        this.dir = dir;
        this.password = password;
    }

    /**
     * Where Debian's (or any) PostgreSQL binaries are: the highest version under /usr/lib/postgresql/N/bin,
     * else {@code pg_config --bindir}, else the directory of {@code initdb} on the PATH.
     */
    public static Optional<Path> findBinDir() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            Optional<Path> debian = versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())))
                    .map(v -> v.resolve("bin")).filter(PostgresServer::hasServer);
            if (debian.isPresent()) {
                return debian;
            }
        } catch (IOException e) {
            // no Debian layout: try pg_config and the PATH below
        }
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && hasServer(Path.of(out))) {
                return Optional.of(Path.of(out));
            }
        } catch (IOException e) {
            // no pg_config on the PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(s -> !s.isEmpty())
                .map(Path::of).filter(PostgresServer::hasServer).findFirst();
    }

    private static boolean hasServer(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))
                && Files.isExecutable(bin.resolve("postgres"));
    }

    /** The cluster every test class in this JVM shares, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::kill, "postgres-test-shutdown"));
        }
        return shared;
    }

    /**
     * Makes and starts a new cluster; the caller {@link #stop()}s it. Skips (developer machine) or fails (CI)
     * the calling test when PostgreSQL is not installed.
     *
     * @throws IOException when initdb or the server fail; the message ends with their log
     */
    public static PostgresServer start() throws IOException {
        Optional<Path> bin = findBinDir();
        SystemPackages.require(bin.isPresent(), "PostgreSQL", PACKAGE);
        Path dir = Files.createTempDirectory("guidance-pg");
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        PostgresServer server = new PostgresServer(bin.get(), dir, HexFormat.of().formatHex(secret));
        try {
            server.initdb();
            server.startOnFreePort();
            server.versionNum = server.versionNum();
            return server;
        } catch (IOException | RuntimeException e) {
            server.kill();
            throw e;
        }
    }

    private void initdb() throws IOException {
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, password + "\n");
        if (ROOT) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            try {
                Files.setOwner(dir, users.lookupPrincipalByName(OS_USER));
                Files.setOwner(pwfile, users.lookupPrincipalByName(OS_USER));
            } catch (UserPrincipalNotFoundException e) {
                throw new IOException("as root, PostgreSQL runs as the '" + OS_USER
                        + "' user, which Debian's " + PACKAGE + " package creates; there is none here", e);
            }
        }
        run(List.of(tool("initdb"), "-D", dataDir().toString(), "-U", USER, "--pwfile=" + pwfile,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"));
        Files.delete(pwfile);
    }

    private void startOnFreePort() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            try {
                run(List.of(tool("pg_ctl"), "-D", dataDir().toString(), "-l", serverLog().toString(), "-w", "-t", "30",
                        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                        "start"));
                return;
            } catch (IOException e) {
                // Another process took the port between the probe and the bind: try another one.
                if (attempt == START_ATTEMPTS || !e.getMessage().contains("already in use")) {
                    throw e;
                }
            }
        }
    }

    private Path dataDir() {
        return dir.resolve("data");
    }

    private Path serverLog() {
        return dir.resolve("postgres.log");
    }

    private String tool(String name) {
        return binDir.resolve(name).toString();
    }

    /** Runs a PostgreSQL program (as {@code postgres} when we are root); output goes to commands.log. */
    private void run(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        Path commandLog = dir.resolve("commands.log");
        Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(commandLog.toFile())).start();
        try {
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(Path.of(command.get(0)).getFileName() + " did not finish in " + COMMAND_SECONDS
                        + " s" + logs());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " exited with " + p.exitValue() + logs());
        }
    }

    /** The ends of the command and server logs, for failure messages. */
    private String logs() {
        return tail(dir.resolve("commands.log")) + tail(serverLog());
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return "\n--- " + log.getFileName() + " ---\n" + text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            return "\n--- " + log.getFileName() + ": " + e.getMessage();
        }
    }

    /** Where psql, pg_dump and pg_restore of the running server's version are. */
    public Path binDir() {
        return binDir;
    }

    public int port() {
        return port;
    }

    /** The password of {@link #USER}; generated for this cluster. */
    public String password() {
        return password;
    }

    /** The maintenance database {@code postgres}: for commands about other databases, not for test data. */
    public Database maintenance() {
        return database("postgres");
    }

    private Database database(String name) {
        return new Database("jdbc:postgresql://127.0.0.1:" + port + "/" + name, USER, password);
    }

    /** A new, empty database (copied from template1), with a name no other call of this cluster returns. */
    public Database createDatabase() {
        Database db = database("guidance_" + databases.incrementAndGet());
        // FILE_COPY copies template1's files instead of writing them through the WAL (PostgreSQL 15's default):
        // with fsync off its checkpoints cost little, and it measured ~25 % faster here. PostgreSQL 14 and
        // older know no STRATEGY and always copy files.
        admin("CREATE DATABASE " + db.name() + " ENCODING 'UTF8'" + (versionNum >= 150000 ? " STRATEGY FILE_COPY" : ""));
        return db;
    }

    /** Drops a database made by {@link #createDatabase()}, closing whatever connections still use it. */
    public void dropDatabase(Database db) {
        admin("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
    }

    private int versionNum() throws IOException {
        try (Connection c = maintenance().connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IOException("the new PostgreSQL cluster refuses connections: " + e.getMessage() + logs(), e);
        }
    }

    private void admin(String sql) {
        if (stopped) {
            throw new IllegalStateException("the PostgreSQL test cluster is stopped");
        }
        try (Connection c = maintenance().connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage() + logs(), e);
        }
    }

    /** Stops the server ({@code pg_ctl stop -m fast}) and deletes its files; the port is free afterwards. */
    public synchronized void stop() throws IOException {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(List.of(tool("pg_ctl"), "-D", dataDir().toString(), "-m", "fast", "-w", "stop"));
        } finally {
            TestDirs.delete(dir);
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /** For the shutdown hook and failed starts: stop at once, kill the postmaster if that fails, delete the files. */
    private synchronized void kill() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(List.of(tool("pg_ctl"), "-D", dataDir().toString(), "-m", "immediate", "-w", "stop"));
        } catch (IOException e) {
            killPostmaster();
        }
        try {
            TestDirs.delete(dir);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete the PostgreSQL test cluster " + dir + ": " + e.getMessage());
        }
    }

    private void killPostmaster() {
        Path pidFile = dataDir().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) { // initdb failed, or the server never started
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            ProcessHandle.of(Long.parseLong(lines.get(0).trim())).ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | RuntimeException e) {
            System.err.println("PostgreSQL test cluster in " + dir + " may still run: " + e.getMessage());
        }
    }

    /** A fresh database of the {@linkplain #shared() shared cluster} for each test, dropped after it. */
    public static Fresh freshDatabaseEachTest() {
        return new Fresh();
    }

    /**
     * The JUnit 5 extension: {@code @RegisterExtension static final PostgresServer.Fresh pg =
     * PostgresServer.freshDatabaseEachTest();} and {@code pg.database()} inside a test. Skips or fails the
     * test before it starts when PostgreSQL is missing. Not for tests that run concurrently in one class.
     */
    public static final class Fresh implements BeforeEachCallback, AfterEachCallback {
        private Database database;

        private Fresh() {
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            database = shared().createDatabase();
        }

        @Override
        public void afterEach(ExtensionContext context) {
            Database done = database;
            if (done == null) { // before-each was skipped or failed: nothing was made
                return;
            }
            database = null;
            shared().dropDatabase(done);
        }

        /** The current test's database; only inside a test. */
        public Database database() {
            if (database == null) {
                throw new IllegalStateException("the database is made before each test");
            }
            return database;
        }

        /** The shared cluster, for binDir() (pg_dump, psql) or more databases. */
        public PostgresServer server() {
            return shared();
        }
    }
}
