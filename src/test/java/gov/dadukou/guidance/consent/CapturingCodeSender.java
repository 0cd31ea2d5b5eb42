package gov.dadukou.guidance.consent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The test sender: keeps the last code sent to each phone instead of texting it. Thread-safe. */
public final class CapturingCodeSender implements CodeSender {
    private final Map<String, String> last = new ConcurrentHashMap<>();
    private final Map<String, Integer> sends = new ConcurrentHashMap<>();
    private volatile boolean failing;

    @Override
    public void send(String phone, String code, int validMinutes) {
        if (failing) {
            throw new SendException("gateway down (test)", null);
        }
        last.put(phone, code);
        sends.merge(phone, 1, Integer::sum);
    }

    /** How many codes went to {@code phone}. */
    public int sentTo(String phone) {
        return sends.getOrDefault(phone, 0);
    }

    /** The last code sent to {@code phone}; fails the test when none was. */
    public String codeFor(String phone) {
        String code = last.get(phone);
        if (code == null) {
            throw new AssertionError("no code was sent to " + phone);
        }
        return code;
    }

    /** Makes every following send fail (a gateway that is down), or work again. */
    public void failing(boolean failing) {
        this.failing = failing;
    }
}
