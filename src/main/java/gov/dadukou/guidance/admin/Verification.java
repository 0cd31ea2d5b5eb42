package gov.dadukou.guidance.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.dadukou.guidance.ClientException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * What an editor checked when confirming an entry's staff-verification mark: what was compared, the
 * source's name (a regulation, a department's notice, a call to the office…) and the source's date.
 * Kept with the version that removes the mark, so the reviewer and later readers see what the
 * confirmation rests on. Immutable.
 */
public record Verification(String checked, String source, String sourceDate) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The note as stored, validated: all three parts present, the date a real day not after {@code today}. */
    String toJson(LocalDate today) {
        require(checked, 500, "核实了什么（与来源比对的内容）");
        require(source, 200, "来源名称");
        LocalDate date;
        try {
            date = LocalDate.parse(sourceDate == null ? "" : sourceDate.strip());
        } catch (DateTimeParseException e) {
            throw ClientException.badRequest("invalid_verification", "请填写来源的日期（如 2026-11-30）。");
        }
        if (date.isAfter(today)) {
            throw ClientException.badRequest("invalid_verification", "来源日期不能晚于今天。");
        }
        return JSON.createObjectNode().put("checked", checked.strip()).put("source", source.strip()).put("sourceDate", date.toString())
                .toString();
    }

    private static void require(String value, int max, String what) {
        if (value == null || value.isBlank()) {
            throw ClientException.badRequest("invalid_verification", "请填写" + what + "。");
        }
        if (value.strip().length() > max) {
            throw ClientException.badRequest("invalid_verification", what + "不能超过" + max + "个字。");
        }
    }

    /** A stored note as JSON for the API, or null. */
    static JsonNode parse(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("kb_versions.verification holds JSON written by toJson", e);
        }
    }
}
