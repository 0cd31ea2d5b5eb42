package gov.dadukou.guidance;

import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads {@link AppConfig} from environment variables: each variable's default, range and form, and a
 * {@link AppConfig.ConfigException} naming the variable (in Chinese and English) when it is wrong, so that
 * {@code main} can exit 2 with that message. Unset and blank are the same. Stateless.
 */
final class EnvConfig {
    private EnvConfig() {
    }

    private static AppConfig.Messages messages(Function<String, String> get) {
        int days = intVar("REPLY_WORKING_DAYS", get.apply("REPLY_WORKING_DAYS"), 5, 1, 60);
        java.util.List<java.time.LocalDate> extra = commaList(get.apply("EXTRA_HOLIDAYS"), part -> {
            try {
                return java.time.LocalDate.parse(part);
            } catch (java.time.format.DateTimeParseException e) {
                throw new AppConfig.ConfigException("EXTRA_HOLIDAYS 中的日期应形如 2026-12-07 / each date must be YYYY-MM-DD: " + part);
            }
        });
        return new AppConfig.Messages(days, extra);
    }

    static AppConfig read(Map<String, String> env) {
        Function<String, String> get = name -> {
            String v = env.get(name);
            return v == null || v.isBlank() ? null : v.strip();
        };
        String host = orDefault(get.apply("HOST"), "0.0.0.0");
        int port = intVar("PORT", get.apply("PORT"), 8080, 0, 65535);
        Path dataDir = Path.of(orDefault(get.apply("DATA_DIR"), "./data"));
        Path kbDir = Path.of(orDefault(get.apply("KB_DIR"), "./knowledge-base"));
        int ttl = intVar("SESSION_TTL_MINUTES", get.apply("SESSION_TTL_MINUTES"), 30, 1, 24 * 60);
        int maxSessions = intVar("MAX_SESSIONS", get.apply("MAX_SESSIONS"), 10_000, 1, 1_000_000);
        String denseVar = orDefault(get.apply("DENSE"), "on");
        if (!denseVar.equals("on") && !denseVar.equals("off")) {
            throw new AppConfig.ConfigException("DENSE 只能是 on 或 off / must be on or off: " + denseVar);
        }
        AppConfig config = new AppConfig(host, port, dataDir, kbDir, Duration.ofMinutes(ttl), maxSessions, denseVar.equals("on"),
                bounded("CONSENT_CONTROLLER", orDefault(get.apply("CONSENT_CONTROLLER"), AppConfig.DEFAULT_CONTROLLER)),
                bounded("CONSENT_CONTACT", orDefault(get.apply("CONSENT_CONTACT"), AppConfig.DEFAULT_CONTACT)),
                bounded("CONSENT_RETENTION", orDefault(get.apply("CONSENT_RETENTION"), AppConfig.DEFAULT_RETENTION)),
                delivery(get),
                origins(get.apply("ALLOWED_ORIGINS")), adminPassword(get.apply("ADMIN_PASSWORD")),
                new AppConfig.Limits(intVar("RATE_LIMIT_CHAT_PER_MINUTE", get.apply("RATE_LIMIT_CHAT_PER_MINUTE"), 60, 0, 100_000),
                        intVar("RATE_LIMIT_WRITES_PER_HOUR", get.apply("RATE_LIMIT_WRITES_PER_HOUR"), 20, 0, 100_000),
                        proxies(get.apply("TRUSTED_PROXIES")),
                        intVar("MAX_CONNECTIONS_PER_ADDRESS", get.apply("MAX_CONNECTIONS_PER_ADDRESS"), 64, 0, 100_000)),
                flag("ALLOW_EMPTY_DATABASE", get.apply("ALLOW_EMPTY_DATABASE")), postgres(get), messages(get), codes(get));
        config.validatePaths();
        return config;
    }

    /** {@code 1} or {@code 0}; anything else is refused rather than guessed, since this one decides about data. */
    private static boolean flag(String name, String value) {
        if (value == null || value.equals("0")) {
            return false;
        }
        if (value.equals("1")) {
            return true;
        }
        throw new AppConfig.ConfigException(name + " 只能是 1 或 0 / must be 1 or 0: " + value);
    }

    private static String adminPassword(String value) {
        if (value != null && value.length() < 12) {
            throw new AppConfig.ConfigException("ADMIN_PASSWORD 至少12位 / must be at least 12 characters");
        }
        if (value != null) {
            try {
                gov.dadukou.guidance.admin.PasswordPolicy.standard().check(value.toCharArray(), "admin");
            } catch (ClientException weak) {
                // The same rule as for every staff password, refused here with a message instead of at first start.
                throw new AppConfig.ConfigException("ADMIN_PASSWORD 不符合密码要求 / is too weak: " + weak.getMessage());
            }
        }
        return value;
    }

    private static java.util.List<String> origins(String value) {
        return commaList(value, origin -> {
            if (!origin.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
                throw new AppConfig.ConfigException("ALLOWED_ORIGINS 中的地址应形如 https://www.example.gov.cn（不带路径）/ "
                        + "each origin must be scheme://host[:port]: " + origin);
            }
            return origin;
        });
    }

    /** The non-blank, stripped items of a comma-separated variable (none when unset), each read by {@code read}. */
    private static <T> java.util.List<T> commaList(String value, Function<String, T> read) {
        if (value == null) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(part -> !part.isEmpty()).map(read).toList();
    }

    /**
     * {@code DATABASE_URL} and its companions; null when unset. A password without a URL, or a URL of another
     * database, is refused rather than silently falling back to SQLite.
     */
    private static gov.dadukou.guidance.store.PostgresSettings postgres(Function<String, String> get) {
        String url = get.apply("DATABASE_URL");
        if (url == null) {
            for (String name : new String[] {"DATABASE_USER", "DATABASE_PASSWORD", "DATABASE_POOL_SIZE"}) {
                if (get.apply(name) != null) {
                    throw new AppConfig.ConfigException(name + " 需要同时设置 DATABASE_URL / needs DATABASE_URL (without it the database is SQLite in DATA_DIR)");
                }
            }
            return null;
        }
        if (!url.startsWith(gov.dadukou.guidance.store.PostgresSettings.URL_PREFIX) || url.length() <= gov.dadukou.guidance.store.PostgresSettings.URL_PREFIX.length()) {
            throw new AppConfig.ConfigException("DATABASE_URL 应形如 jdbc:postgresql://主机:端口/库名 / must look like jdbc:postgresql://host:port/db");
        }
        return new gov.dadukou.guidance.store.PostgresSettings(url, get.apply("DATABASE_USER"), get.apply("DATABASE_PASSWORD"),
                intVar("DATABASE_POOL_SIZE", get.apply("DATABASE_POOL_SIZE"), 10, 1, 200));
    }

    private static java.util.List<Cidr> proxies(String value) {
        return commaList(value, part -> {
            try {
                return Cidr.parse(part);
            } catch (IllegalArgumentException e) {
                throw new AppConfig.ConfigException("TRUSTED_PROXIES 中的地址应形如 10.0.0.0/8 或 192.168.1.10 / "
                        + "each entry must be an IP address or CIDR: " + part);
            }
        });
    }

    private static AppConfig.Delivery delivery(Function<String, String> get) {
        java.net.URI url = webhook(get.apply("WEBHOOK_URL"));
        String channelVar = get.apply("REMINDER_CHANNEL");
        var channel = channelVar == null ? gov.dadukou.guidance.consent.ReminderChannel.defaultFor(url != null)
                : gov.dadukou.guidance.consent.ReminderChannel.parse(channelVar).orElseThrow(() -> new AppConfig.ConfigException(
                        "REMINDER_CHANNEL 只能是 none、phone 或 sms / must be none, phone or sms: " + channelVar));
        return new AppConfig.Delivery(url, get.apply("WEBHOOK_SECRET"), intVar("WEBHOOK_MAX_ATTEMPTS", get.apply("WEBHOOK_MAX_ATTEMPTS"), 5, 1, 50),
                Duration.ofSeconds(intVar("DELIVERY_INTERVAL_SECONDS", get.apply("DELIVERY_INTERVAL_SECONDS"), 60, 1, 86_400)), channel);
    }

    /** {@code CODE_WEBHOOK_URL}: https, or http to this machine only (the body holds the code in clear). */
    private static AppConfig.Codes codes(Function<String, String> get) {
        String value = get.apply("CODE_WEBHOOK_URL");
        if (value == null) {
            if (get.apply("CODE_WEBHOOK_SECRET") != null) {
                throw new AppConfig.ConfigException("CODE_WEBHOOK_SECRET 需要同时设置 CODE_WEBHOOK_URL / needs CODE_WEBHOOK_URL");
            }
            return AppConfig.Codes.log();
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new AppConfig.ConfigException("CODE_WEBHOOK_URL 不是有效地址 / is not a valid URL: " + value);
        }
        String host = uri.getHost();
        boolean local = host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
        if (host == null || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && local))) {
            throw new AppConfig.ConfigException("CODE_WEBHOOK_URL 必须是 https 地址（验证码是明文），http 只能指向本机 / "
                    + "must be https (the body holds the code); http only to this machine: " + value);
        }
        return new AppConfig.Codes(uri, get.apply("CODE_WEBHOOK_SECRET"));
    }

    private static java.net.URI webhook(String value) {
        if (value == null) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new AppConfig.ConfigException("WEBHOOK_URL 必须是 http 或 https 地址 / must be an http(s) URL: " + value);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new AppConfig.ConfigException("WEBHOOK_URL 不是有效地址 / is not a valid URL: " + value);
        }
    }

    private static String bounded(String name, String value) {
        if (value.length() > 500) {
            throw new AppConfig.ConfigException(name + " 过长 / too long (max 500 characters)");
        }
        return value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static int intVar(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new AppConfig.ConfigException(name + " 应在 " + min + " 到 " + max + " 之间 / must be in [" + min + ", " + max + "]: " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new AppConfig.ConfigException(name + " 应是整数 / must be an integer: " + value);
        }
    }
}
