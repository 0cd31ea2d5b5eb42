package gov.dadukou.guidance.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.ClientException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Per-address token buckets for the public API: questions per minute, and all public writes together
 * per hour. The buckets live in a cache bounded in size and expiring when idle, so a flood from many
 * addresses costs bounded memory (at worst an address forgotten early gets a fresh bucket). A limit of
 * 0 is off. Thread-safe.
 */
final class RateLimits {
    /** Enough for every address a district site sees in an hour, at well under 100 MB. */
    static final int MAX_TRACKED_ADDRESSES = 100_000;

    enum Kind { CHAT, WRITE }

    private final Cache<String, Bucket> chat;
    private final Cache<String, Bucket> writes;
    private final AppConfig.Limits limits;

    RateLimits(AppConfig.Limits limits) {
        this.limits = limits;
        this.chat = cache(Duration.ofMinutes(2));
        this.writes = cache(Duration.ofHours(2));
    }

    private static Cache<String, Bucket> cache(Duration idle) {
        return Caffeine.newBuilder().maximumSize(MAX_TRACKED_ADDRESSES).expireAfterAccess(idle).build();
    }

    /** @throws ClientException 429 {@code rate_limited} with the seconds to wait, when the address is over its limit */
    void check(Kind kind, String address) {
        int perPeriod = kind == Kind.CHAT ? limits.chatPerMinute() : limits.writesPerHour();
        if (perPeriod <= 0) {
            return;
        }
        Duration period = kind == Kind.CHAT ? Duration.ofMinutes(1) : Duration.ofHours(1);
        Cache<String, Bucket> buckets = kind == Kind.CHAT ? chat : writes;
        Bucket bucket = buckets.get(address, a -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perPeriod).refillGreedy(perPeriod, period).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1;
            throw ClientException.rateLimited(seconds, kind == Kind.CHAT
                    ? "提问太频繁了，请" + seconds + "秒后再试。如急需帮助，请拨打12345政务服务便民热线。"
                    : "提交太频繁了，请稍后再试（约" + minutes(seconds) + "）。如急需帮助，请拨打12345政务服务便民热线。");
        }
    }

    /** How many addresses are tracked now (for the bounded-memory test). */
    long tracked() {
        chat.cleanUp();
        writes.cleanUp();
        return chat.estimatedSize() + writes.estimatedSize();
    }

    private static String minutes(long seconds) {
        return seconds < 60 ? seconds + "秒" : (seconds + 59) / 60 + "分钟";
    }
}
