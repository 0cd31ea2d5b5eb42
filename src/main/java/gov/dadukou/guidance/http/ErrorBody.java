package gov.dadukou.guidance.http;

/** The one error shape of the API: {@code {"error": {"code", "message"}}}. */
record ErrorBody(Detail error) {
    record Detail(String code, String message) {
    }

    static ErrorBody of(String code, String message) {
        return new ErrorBody(new Detail(code, message));
    }
}
