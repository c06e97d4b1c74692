package io.bourse.api.http;

/**
 * A request the API refuses, with Binance's error code, exact message and HTTP status. Thrown by handlers; the
 * server turns it into {@code {"code":…,"msg":…}}. Carries no stack trace (it is an answer, not a fault).
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final int code;

    public ApiException(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(int code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException mandatory(String param) {
        return badRequest(-1102, "Mandatory parameter '" + param + "' was not sent, was empty/null, or malformed.");
    }

    public static ApiException invalidValue(String param) {
        return badRequest(-1130, "Data sent for parameter '" + param + "' is not valid.");
    }

    public static ApiException illegalChars(String param, String legalRange) {
        return badRequest(-1100, "Illegal characters found in parameter '" + param + "'; legal range is '"
                + legalRange + "'.");
    }

    public static ApiException invalidSymbol() {
        return badRequest(-1121, "Invalid symbol.");
    }

    public static ApiException badCombination() {
        return badRequest(-1128, "Combination of optional parameters invalid.");
    }

    /** A refusal whose body is more than {@code code} and {@code msg} (Binance's cancelReplace failures). */
    public static final class WithBody extends RuntimeException {
        private final int status;
        private final io.vertx.core.buffer.Buffer body;

        public WithBody(int status, io.vertx.core.buffer.Buffer body) {
            super(null, null, false, false);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public io.vertx.core.buffer.Buffer body() {
            return body;
        }
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }
}
