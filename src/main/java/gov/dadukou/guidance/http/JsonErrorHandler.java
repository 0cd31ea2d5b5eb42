package gov.dadukou.guidance.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Errors Jetty answers itself, before or around the application (a malformed request line, a URI or
 * headers too large, bad framing, a body over the limit): the same JSON error shape, Chinese message and
 * security headers as every other error, instead of Jetty's HTML page. Thread-safe.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        headers(fields);
        return ByteBuffer.wrap(body(status));
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        headers(response.getHeaders());
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    private static void headers(HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        fields.put("Content-Security-Policy", WebSecurity.CSP);
        fields.put("X-Content-Type-Options", "nosniff");
        fields.put("Referrer-Policy", "strict-origin-when-cross-origin");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    static byte[] body(int status) {
        String[] e = describe(status);
        return Json.MAPPER.valueToTree(ErrorBody.of(e[0], e[1])).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The code and message of an error status; the mapping HttpApp uses for the application's own errors too. */
    static String[] describe(int status) {
        return switch (status) {
            case 400 -> new String[] {"bad_request", "请求格式不正确。"};
            case 404 -> new String[] {"not_found", "您访问的地址不存在。"};
            case 405 -> new String[] {"method_not_allowed", "不支持这种请求方式。"};
            case 408 -> new String[] {"request_timeout", "请求超时，请重新提交。"};
            case 413 -> new String[] {"body_too_large", "提交的内容太长了。"};
            case 414 -> new String[] {"uri_too_long", "请求地址太长了。"};
            case 415 -> new String[] {"unsupported_media_type", "请求格式不正确：请以 application/json 提交。"};
            case 431 -> new String[] {"headers_too_large", "请求头太大了。"};
            default -> status >= 500 ? new String[] {"internal_error", "系统繁忙，请稍后再试，或拨打12345政务服务便民热线咨询。"}
                    : new String[] {"bad_request", "请求不正确。"};
        };
    }
}
