package gov.dadukou.guidance.http;

import com.fasterxml.jackson.databind.JsonNode;
import gov.dadukou.guidance.ClientException;
import io.javalin.http.Context;

/**
 * The secret of a private link (a consent receipt's withdraw token, a message's status token), read the same way for
 * every such route: a header first (scripts), then a field of the JSON body (the pages' forms), then {@code ?token=}
 * (the link itself). Stateless.
 */
record LinkToken(String header, String bodyField, String missingMessage) {

    /** The token, stripped. @throws ClientException 401 {@code missing_token} with this link's message when none is given */
    String from(Context ctx) {
        String header = ctx.header(this.header);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        JsonNode body = ctx.body().isBlank() ? null : Json.object(ctx);
        String fromBody = body == null ? null : Json.optionalString(body, bodyField);
        if (fromBody != null && !fromBody.isBlank()) {
            return fromBody.strip();
        }
        String query = ctx.queryParam("token");
        if (query == null || query.isBlank()) {
            throw new ClientException(401, "missing_token", missingMessage);
        }
        return query.strip();
    }
}
