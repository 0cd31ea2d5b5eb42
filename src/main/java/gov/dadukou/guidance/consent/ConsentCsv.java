package gov.dadukou.guidance.consent;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes consent records as CSV (RFC 4180 quoting, UTF-8 with a BOM so that spreadsheet programs read Chinese).
 * Columns are only ever added at the end ({@code phone_verified}, then {@code receipt_code}), so existing readers
 * keep working.
 */
public final class ConsentCsv {
    private ConsentCsv() {
    }

    public static void write(List<ConsentView> records, Writer out) throws IOException {
        out.write('\uFEFF');
        out.write("receipt_id,status,granted_at,ended_at,company_name,credit_code,contact_name,phone,topics,notice_version,contact_erased,phone_verified,receipt_code\r\n");
        for (ConsentView v : records) {
            String granted = v.history().isEmpty() ? "" : v.history().get(0).at();
            String ended = v.history().stream().filter(h -> h.event().equals("withdrawn") || h.event().equals("superseded"))
                    .map(ConsentView.HistoryItem::at).reduce((a, b) -> b).orElse("");
            String[] row = {v.receiptId(), v.status(), granted, ended, v.companyName(), v.creditCode(),
                    v.contactName() == null ? "" : v.contactName(), v.phone() == null ? "" : v.phone(),
                    String.join("|", v.topics()), String.valueOf(v.noticeVersion()), String.valueOf(v.contactErased()),
                    String.valueOf(v.verified()), v.receiptCode()};
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(quote(row[i]));
            }
            out.write("\r\n");
        }
        out.flush();
    }

    static String quote(String field) {
        // A leading = + - @ would be a formula to a spreadsheet; prefix it so it stays text.
        String safe = !field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
