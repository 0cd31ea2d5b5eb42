package gov.dadukou.guidance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The application's whole configuration, read once from the environment and validated. Immutable.
 *
 * @param host           address to bind ({@code HOST}, default {@code 0.0.0.0})
 * @param port           HTTP port ({@code PORT}, default 8080; 0 picks a free port)
 * @param dataDir        where the database and other state live ({@code DATA_DIR}, default {@code ./data}; created)
 * @param kbDir          the knowledge base ({@code KB_DIR}, default {@code ./knowledge-base})
 * @param sessionTtl     how long a chat session remembers its last turn ({@code SESSION_TTL_MINUTES}, default 30)
 * @param maxSessions    how many chat sessions are remembered at most ({@code MAX_SESSIONS}, default 10000)
 * @param dense          whether dense (embedding) retrieval is on ({@code DENSE}, {@code on} or {@code off}, default on)
 * @param consentController who processes consent data, as the notice names it ({@code CONSENT_CONTROLLER})
 * @param consentContact    how to reach them ({@code CONSENT_CONTACT}, default the 12345 hotline)
 * @param consentRetention  how long consent data is kept, as the notice says it ({@code CONSENT_RETENTION})
 * @param delivery          how reminders reach businesses that consented
 * @param allowedOrigins    site origins whose pages may call the public API from a browser
 *                          ({@code ALLOWED_ORIGINS}, comma-separated, e.g. {@code https://www.ddk.gov.cn}); empty
 *                          means same origin only
 * @param adminPassword     {@code ADMIN_PASSWORD}: creates the first staff admin ({@code admin}) on a first
 *                          start with no admin; null otherwise. Never logged.
 * @param limits            what one client may send, and whose word on the client's address is believed
 * @param allowEmptyDatabase {@code ALLOW_EMPTY_DATABASE=1}: start with a new, empty database although the data
 *                          directory records that its database held data (default {@code 0}: refuse, exit 2)
 * @param database          {@code DATABASE_URL} ({@code jdbc:postgresql://host:port/db}), {@code DATABASE_USER},
 *                          {@code DATABASE_PASSWORD}, {@code DATABASE_POOL_SIZE} (default 10): the shared PostgreSQL
 *                          database several instances use; null (the default) means SQLite in {@code DATA_DIR}
 * @param messages          留言咨询: the promised reply time and extra closure days
 * @param codes             where one-time codes go: the operator's SMS gateway, or (unset) the server log
 */
public record AppConfig(String host, int port, Path dataDir, Path kbDir, Duration sessionTtl, int maxSessions,
                        boolean dense, String consentController, String consentContact, String consentRetention,
                        Delivery delivery, java.util.List<String> allowedOrigins, String adminPassword, Limits limits,
                        boolean allowEmptyDatabase, gov.dadukou.guidance.store.PostgresSettings database, Messages messages,
                        Codes codes) {

    /** Never prints the admin password. */
    @Override
    public String toString() {
        return describe();
    }

    /**
     * Reminder delivery. Off when {@code webhookUrl} is null.
     *
     * @param webhookUrl  {@code WEBHOOK_URL}, http or https; unset turns delivery off
     * @param secret      {@code WEBHOOK_SECRET}: signs each body (HMAC-SHA256); may be null
     * @param maxAttempts {@code WEBHOOK_MAX_ATTEMPTS} (default 5) before a delivery is marked failed
     * @param interval    {@code DELIVERY_INTERVAL_SECONDS} (default 60) between delivery runs
     * @param channel     {@code REMINDER_CHANNEL}: how the notice says reminders arrive; {@code none} without a
     *                    webhook, {@code phone} (default with a webhook) or {@code sms} with one
     */
    public record Delivery(java.net.URI webhookUrl, String secret, int maxAttempts, Duration interval,
                           gov.dadukou.guidance.consent.ReminderChannel channel) {
        /** The notice must not promise what the software does not do, nor hide what it does. */
        public Delivery {
            if (channel.sends() != (webhookUrl != null)) {
                throw new ConfigException(webhookUrl == null
                        ? "REMINDER_CHANNEL=" + channel.code() + " 需要同时设置 WEBHOOK_URL / needs WEBHOOK_URL: without it nothing is sent"
                        : "REMINDER_CHANNEL=none 与 WEBHOOK_URL 矛盾 / contradicts WEBHOOK_URL: reminders are sent; use phone or sms");
            }
        }

        /** With the channel that is true of this webhook setting (tests and tools). */
        public Delivery(java.net.URI webhookUrl, String secret, int maxAttempts, Duration interval) {
            this(webhookUrl, secret, maxAttempts, interval, gov.dadukou.guidance.consent.ReminderChannel.defaultFor(webhookUrl != null));
        }

        public static Delivery off() {
            return new Delivery(null, null, 5, Duration.ofSeconds(60));
        }

        public boolean enabled() {
            return webhookUrl != null;
        }
    }

    /**
     * What one client may send. Each limit is per client address; {@code 0} turns it off (tests and
     * benchmarks that send many requests from one address).
     *
     * @param chatPerMinute          {@code RATE_LIMIT_CHAT_PER_MINUTE} (default 60): questions per address and minute
     * @param writesPerHour          {@code RATE_LIMIT_WRITES_PER_HOUR} (default 20): consents, withdrawals, erasures,
     *                               feedback and every other public write, together, per address and hour
     * @param trustedProxies         {@code TRUSTED_PROXIES}: comma-separated CIDRs of reverse proxies whose
     *                               {@code X-Forwarded-For} is believed; empty (default) means the TCP peer is the client
     * @param connectionsPerAddress  {@code MAX_CONNECTIONS_PER_ADDRESS} (default 64): open connections one address may
     *                               hold; trusted proxies are exempt
     */
    public record Limits(int chatPerMinute, int writesPerHour, java.util.List<Cidr> trustedProxies, int connectionsPerAddress) {
        public Limits {
            trustedProxies = java.util.List.copyOf(trustedProxies);
        }

        /** No limits and no proxies: for tests and tools. */
        public static Limits off() {
            return new Limits(0, 0, java.util.List.of(), 0);
        }

        /** The production defaults with no trusted proxy. */
        public static Limits defaults() {
            return new Limits(60, 20, java.util.List.of(), 64);
        }
    }

    /**
     * 留言咨询 (messages to a department).
     *
     * @param replyWorkingDays {@code REPLY_WORKING_DAYS} (default 5, 1–60): working days within which a message is
     *                         promised a reply, counted with the State Council holiday arrangements
     * @param extraHolidays    {@code EXTRA_HOLIDAYS}: comma-separated dates (YYYY-MM-DD) on which the offices are
     *                         closed although the national calendar says they work (a local closure); default none
     */
    public record Messages(int replyWorkingDays, java.util.List<java.time.LocalDate> extraHolidays) {
        public Messages {
            extraHolidays = java.util.List.copyOf(extraHolidays);
        }

        public static Messages defaults() {
            return new Messages(5, java.util.List.of());
        }
    }

    /** The same configuration with other message settings (tests). */
    public AppConfig withMessages(Messages m) {
        return new AppConfig(host, port, dataDir, kbDir, sessionTtl, maxSessions, dense, consentController, consentContact,
                consentRetention, delivery, allowedOrigins, adminPassword, limits, allowEmptyDatabase, database, m, codes);
    }

    /**
     * One-time codes that prove a phone is the consenting person's.
     *
     * @param webhookUrl {@code CODE_WEBHOOK_URL}: the SMS gateway's address, https (http only to this machine, since
     *                   the body holds the code); unset: codes are written to the log (development only, logged as
     *                   {@code DEVELOPMENT code sender})
     * @param secret     {@code CODE_WEBHOOK_SECRET}: signs each body (HMAC-SHA256); may be null
     */
    public record Codes(java.net.URI webhookUrl, String secret) {
        public static Codes log() {
            return new Codes(null, null);
        }
    }

    /** The same configuration with another code channel (tests). */
    public AppConfig withCodes(Codes c) {
        return new AppConfig(host, port, dataDir, kbDir, sessionTtl, maxSessions, dense, consentController, consentContact,
                consentRetention, delivery, allowedOrigins, adminPassword, limits, allowEmptyDatabase, database, messages, c);
    }

    static final String DEFAULT_CONTROLLER = "大渡口区行政指导智能助手运营单位";
    static final String DEFAULT_CONTACT = "12345政务服务便民热线";
    static final String DEFAULT_RETENTION = "在您的同意有效期间保存；撤回同意后不再使用。联系人姓名和手机号码可随时申请删除；"
            + "同意、撤回和删除的记录（不含联系人信息）留存备查。";

    /** Start-up cannot go on with this configuration; the message says which variable and why. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    /**
     * The configuration the environment describes, validated (see {@link EnvConfig}).
     *
     * @throws ConfigException naming the variable that is wrong and why
     */
    public static AppConfig fromEnv(Map<String, String> env) {
        return EnvConfig.read(env);
    }

    /** A configuration for tests and tools: port 0, the given directories, default limits. */
    public static AppConfig forDirs(Path dataDir, Path kbDir) {
        return new AppConfig("127.0.0.1", 0, dataDir, kbDir, Duration.ofMinutes(30), 10_000, true,
                DEFAULT_CONTROLLER, DEFAULT_CONTACT, DEFAULT_RETENTION, Delivery.off(), java.util.List.of(), null, Limits.off(), false, null, Messages.defaults(), Codes.log());
    }

    /** The same configuration accepting (or not) a new, empty database where one held data (tests and tools). */
    public AppConfig withAllowEmptyDatabase(boolean allow) {
        return new AppConfig(host, port, dataDir, kbDir, sessionTtl, maxSessions, dense, consentController, consentContact,
                consentRetention, delivery, allowedOrigins, adminPassword, limits, allow, database, messages, codes);
    }

    /** The same configuration with another data directory (tools that must not touch the live database). */
    public AppConfig withDataDir(Path dir) {
        return new AppConfig(host, port, dir, kbDir, sessionTtl, maxSessions, dense, consentController, consentContact,
                consentRetention, delivery, allowedOrigins, adminPassword, limits, allowEmptyDatabase, database, messages, codes);
    }

    /** The same configuration with a first-admin password (tests). */
    public AppConfig withAdminPassword(String password) {
        return new AppConfig(host, port, dataDir, kbDir, sessionTtl, maxSessions, dense, consentController, consentContact,
                consentRetention, delivery, allowedOrigins, password, limits, allowEmptyDatabase, database, messages, codes);
    }

    /** The same configuration with other allowed origins (tests). */
    public AppConfig withAllowedOrigins(java.util.List<String> origins) {
        return new AppConfig(host, port, dataDir, kbDir, sessionTtl, maxSessions, dense, consentController, consentContact,
                consentRetention, delivery, java.util.List.copyOf(origins), adminPassword, limits, allowEmptyDatabase, database, messages, codes);
    }

    /** The same configuration on PostgreSQL ({@code null}: SQLite in the data directory). */
    public AppConfig withDatabase(gov.dadukou.guidance.store.PostgresSettings settings) {
        return new AppConfig(host, port, dataDir, kbDir, sessionTtl, maxSessions, dense, consentController, consentContact,
                consentRetention, delivery, allowedOrigins, adminPassword, limits, allowEmptyDatabase, settings, messages, codes);
    }

    /** The same configuration with other limits (tests). */
    public AppConfig withLimits(Limits l) {
        return new AppConfig(host, port, dataDir, kbDir, sessionTtl, maxSessions, dense, consentController, consentContact,
                consentRetention, delivery, allowedOrigins, adminPassword, l, allowEmptyDatabase, database, messages, codes);
    }

    /** The same configuration with another delivery setting (tests and tools). */
    public AppConfig withDelivery(Delivery d) {
        return new AppConfig(host, port, dataDir, kbDir, sessionTtl, maxSessions, dense, consentController, consentContact,
                consentRetention, d, allowedOrigins, adminPassword, limits, allowEmptyDatabase, database, messages, codes);
    }

    /** The same configuration with dense retrieval switched. */
    public AppConfig withDense(boolean on) {
        return new AppConfig(host, port, dataDir, kbDir, sessionTtl, maxSessions, on, consentController, consentContact,
                consentRetention, delivery, allowedOrigins, adminPassword, limits, allowEmptyDatabase, database, messages, codes);
    }

    void validatePaths() {
        if (!Files.isDirectory(kbDir)) {
            throw new ConfigException("KB_DIR 指向的知识库目录不存在 / knowledge-base directory not found: " + kbDir.toAbsolutePath());
        }
        try {
            if (!Files.exists(dataDir)) {
                Files.createDirectories(dataDir);
                // Ours to set when we made it: whoever may write in it may delete or replace the database.
                if (dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (Exception e) {
            throw new ConfigException("DATA_DIR 无法创建 / cannot create data directory " + dataDir.toAbsolutePath() + ": " + e.getMessage());
        }
        if (!Files.isWritable(dataDir)) {
            throw new ConfigException("DATA_DIR 不可写 / data directory is not writable: " + dataDir.toAbsolutePath());
        }
    }

    /** What a start keeps to be faster and can always rebuild (README, "Storage"): deleting it is safe. */
    public Path cacheDir() {
        return dataDir.resolve("cache");
    }

    /** The embedding cache file, under {@link #cacheDir()}. */
    public Path embeddingCache() {
        return cacheDir().resolve("embeddings.bin");
    }

    /** The index snapshots' directory, under {@link #cacheDir()}. */
    public Path indexSnapshots() {
        return cacheDir().resolve("index");
    }

    /** One log line, no secrets. */
    public String describe() {
        return "host=" + host + " port=" + port + " dataDir=" + dataDir.toAbsolutePath().normalize()
                + " kbDir=" + kbDir.toAbsolutePath().normalize() + " sessionTtl=" + sessionTtl.toMinutes() + "min"
                + " maxSessions=" + maxSessions + " dense=" + (dense ? "on" : "off")
                + " delivery=" + (delivery.enabled() ? "webhook every " + delivery.interval().toSeconds() + "s, "
                + delivery.maxAttempts() + " attempts" + (delivery.secret() == null ? "" : ", signed") : "off")
                + " reminderChannel=" + delivery.channel().code()
                + " database=" + (database == null ? "sqlite in dataDir" : database)
                + " codes=" + (codes.webhookUrl() == null ? "log (development)" : "webhook" + (codes.secret() == null ? "" : ", signed"))
                + " replyWorkingDays=" + messages.replyWorkingDays() + " extraHolidays=" + messages.extraHolidays()
                + " allowedOrigins=" + allowedOrigins
                + " limits=chat " + limits.chatPerMinute() + "/min, writes " + limits.writesPerHour() + "/h, connections "
                + limits.connectionsPerAddress() + "/address, trustedProxies=" + limits.trustedProxies();
    }
}
