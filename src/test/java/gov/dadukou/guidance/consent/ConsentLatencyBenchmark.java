package gov.dadukou.guidance.consent;

import gov.dadukou.guidance.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Not a test: the benchmark behind docs/benchmarks.md ("Consent latency and ledger size"). Skipped unless
 * asked for: {@code mvn -q -o test -Dtest=ConsentLatencyBenchmark -Dconsent.bench=true}. For each ledger
 * size it fills a fresh database through the same code path a consent takes ({@link ConsentService#record},
 * in batches of 5,000 per transaction so that filling is quick; a quarter of the filled consents are
 * withdrawn), then measures one at a time, each its own durable transaction as in production:
 * a new contact's consent without a code, a verified re-consent that supersedes the contact's
 * earlier consent (code checked, then the write), and a withdrawal. Prints medians and p90 and appends them to
 * {@code target/consent-bench.txt}. Asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "consent.bench", matches = "true")
class ConsentLatencyBenchmark {
    static final int[] SIZES = {100, 100_000};
    static final int RUNS = 200;
    static final int WARM_UP = 30;

    @TempDir
    Path dir;

    @Test
    void medianConsentLatencyAtOneHundredAndOneHundredThousandLedgerEvents() throws Exception {
        StringBuilder out = new StringBuilder();
        for (int size : SIZES) {
            out.append(run(size)).append('\n');
        }
        System.out.print(out);
        Path report = Path.of("target", "consent-bench.txt");
        Files.writeString(report, Instant.now() + "\n" + out, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private String run(int events) {
        Path file = dir.resolve("bench-" + events + ".db");
        try (Database db = Database.open(file)) {
            CapturingCodeSender codes = new CapturingCodeSender();
            // The clock moves a minute per call so that codes for the same phone are never throttled.
            SteppingClock clock = new SteppingClock();
            ConsentService consent = new ConsentService(db, clock, ConsentLedgerTest.TOPICS, ConsentLedgerTest.SETTINGS, codes);
            long fillStart = System.nanoTime();
            int filled = fill(db, consent.notice(), events);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

            double[] fresh = new double[RUNS];
            double[] reconsent = new double[RUNS];
            double[] withdraw = new double[RUNS];
            List<ConsentReceipt> toWithdraw = new ArrayList<>();
            for (int i = -WARM_UP; i < RUNS; i++) {
                int n = 9_000_000 + i + WARM_UP;
                ConsentRequest request = request(n, null);
                long t0 = System.nanoTime();
                ConsentReceipt r = consent.grant(request);
                long t1 = System.nanoTime();
                // A contact of the filled ledger proves the phone and consents again: reads its earlier consent, supersedes it.
                int existing = (i + WARM_UP) * 7 % Math.max(1, filled);
                consent.requestCode(phone(existing));
                ConsentRequest again = request(existing, codes.codeFor(phone(existing)));
                long t2 = System.nanoTime();
                consent.grant(again);
                long t3 = System.nanoTime();
                consent.withdraw(r.receiptId(), r.withdrawToken());
                long t4 = System.nanoTime();
                if (i >= 0) {
                    fresh[i] = (t1 - t0) / 1e6;
                    reconsent[i] = (t3 - t2) / 1e6;
                    withdraw[i] = (t4 - t3) / 1e6;
                }
                toWithdraw.add(r);
            }
            long v0 = System.nanoTime();
            ConsentLedger.Verification check = consent.verify();
            double verifyMs = (System.nanoTime() - v0) / 1e6;
            if (!check.ok()) {
                throw new AssertionError("ledger does not verify after the benchmark: " + check);
            }
            return String.format("| %,d | %,d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.0f ms | fill %.1f s |",
                    events, check.events(), median(fresh), percentile(fresh, 0.9), median(reconsent), percentile(reconsent, 0.9),
                    median(withdraw), verifyMs, fillSeconds);
        }
    }

    /** Appends consents (and withdraws every fourth) until the ledger holds {@code events} events; returns how many consents. */
    private static int fill(Database db, ConsentNotice notice, int events) {
        int[] counts = {0, 0}; // consents, events
        while (counts[1] < events) {
            db.inTransaction(h -> {
                ConsentLedger.Appender ledger = ConsentLedger.lock(h, db.dialect());
                for (int k = 0; k < 5_000 && counts[1] < events; k++) {
                    int n = counts[0];
                    String receipt = UUID.randomUUID().toString();
                    String at = "2026-11-01T00:00:00.000+00:00";
                    ConsentRequests.Valid v = new ConsentRequests.Valid("填充测试公司" + n, business(n), "联系人", phone(n),
                            List.of("食品安全"), null);
                    ConsentService.record(ledger, v, n % 2 == 0, receipt, ConsentLedger.sha256("token-" + n), at, notice);
                    counts[0]++;
                    counts[1]++;
                    if (n % 4 == 3 && counts[1] < events) {
                        ledger.append(receipt, "withdrawn", at, Map.of());
                        ConsentState.end(h, receipt, "withdrawn", at);
                        counts[1]++;
                    }
                }
                return null;
            });
        }
        return counts[0];
    }

    private ConsentRequest request(int n, String code) {
        return new ConsentRequest("基准测试公司" + n, business(n), "联系人", phone(n), List.of("食品安全", "消防安全"), 1, true, code);
    }

    /** Ten contacts per business, as a business with several staff who each consented. */
    static String business(int n) {
        String first17 = String.format("915001040%08d", n / 10);
        return first17 + CreditCode.checkCharacter(first17);
    }

    static String phone(int n) {
        return String.format("139%08d", n);
    }

    private static double median(double[] xs) {
        return percentile(xs, 0.5);
    }

    private static double percentile(double[] xs, double p) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    /** Advances a minute on every reading, so that no phone is throttled and no code expires mid-run. */
    static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            now = now.plus(Duration.ofMinutes(1));
            return now;
        }
    }
}
