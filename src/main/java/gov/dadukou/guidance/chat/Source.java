package gov.dadukou.guidance.chat;

import gov.dadukou.guidance.knowledge.Entry;

/**
 * An entry an answer comes from, as shown to the business.
 *
 * @param legalBasis the citations, e.g. {@code 《行政处罚法》第三十三条}
 * @param url        source link, or null
 * @param needsVerification whether staff still have to verify a local detail of the entry
 */
public record Source(String id, String title, String kind, String department, String method, String legalBasis,
                     String url, String reviewed, boolean needsVerification) {

    public static Source of(Entry e) {
        return new Source(e.id(), e.title(), e.kind().label(), e.department(),
                e.methodOpt().map(m -> m.label()).orElse(null), e.legalBasisText(), e.url(), e.reviewed().toString(),
                e.needsVerification());
    }
}
