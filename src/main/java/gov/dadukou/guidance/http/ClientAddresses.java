package gov.dadukou.guidance.http;

import gov.dadukou.guidance.Cidr;
import io.javalin.http.Context;

import java.util.List;

/**
 * Who the client is, for limits and audit: the TCP peer, unless the peer is one of the configured
 * reverse proxies ({@code TRUSTED_PROXIES}), in which case {@code X-Forwarded-For} is read from the right,
 * skipping trusted hops, and the first address not trusted is the client. A client can put anything at
 * the left of the header, so only what trusted proxies appended is believed. Immutable, thread-safe.
 */
final class ClientAddresses {
    private final List<Cidr> trusted;

    ClientAddresses(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    String of(Context ctx) {
        return resolve(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    /** Whether the address is one of the trusted proxies (exempt from per-address connection caps). */
    boolean trusted(String address) {
        return trusted.stream().anyMatch(c -> c.contains(address));
    }

    /**
     * @param peer          the TCP peer's address
     * @param forwardedFor  the {@code X-Forwarded-For} header (comma-separated, may be null)
     */
    String resolve(String peer, String forwardedFor) {
        if (!trusted(peer) || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (Cidr.literal(hop).isEmpty()) {
                return client; // garbage at this hop: the last trustworthy one is all we know
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }
}
