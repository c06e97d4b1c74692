package io.bourse.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed requests to the public endpoints get Binance's status, code and message, never a 500. */
class PublicEndpointErrorsTest {
    @TempDir
    static Path dir;
    static LiveExchange exchange;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        exchange = new LiveExchange(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        exchange.close();
    }

    static HttpResponse<String> get(String baseUrl, String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /api/v3/depth                                          | -1102 | Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.
            /api/v3/depth?symbol=                                  | -1102 | Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.
            /api/v3/depth?symbol=NOPE                              | -1121 | Invalid symbol.
            /api/v3/depth?symbol=btcusdt                           | -1100 | Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'.
            /api/v3/depth?symbol=BTCUSDT&limit=x1                  | -1100 | Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.
            /api/v3/depth?symbol=BTCUSDT&limit=0                   | -1130 | Data sent for parameter 'limit' is not valid.
            /api/v3/depth?symbol=BTCUSDT&limit=-5                  | -1100 | Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.
            /api/v3/depth?symbol=BTCUSDT&limit=99999999999999999999 | -1108 | Parameter 'limit' overflowed.
            /api/v3/trades?symbol=BTCUSDT&limit=1.5                | -1100 | Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.
            /api/v3/klines?symbol=BTCUSDT                          | -1102 | Mandatory parameter 'interval' was not sent, was empty/null, or malformed.
            /api/v3/klines?symbol=BTCUSDT&interval=1H              | -1120 | Invalid interval.
            /api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=9&endTime=1 | -1128 | Combination of optional parameters invalid.
            /api/v3/klines?symbol=BTCUSDT&interval=1m&timeZone=25  | -1130 | Data sent for parameter 'timeZone' is not valid.
            /api/v3/aggTrades?symbol=BTCUSDT&fromId=1&startTime=1  | -1128 | Combination of optional parameters invalid.
            /api/v3/aggTrades?symbol=BTCUSDT&startTime=1&endTime=99999999 | -1127 | More than 1 hours between startTime and endTime.
            /api/v3/ticker/24hr?symbol=BTCUSDT&symbols=["BTCUSDT"] | -1128 | Combination of optional parameters invalid.
            /api/v3/ticker/24hr?symbols=BTCUSDT                    | -1100 | Illegal characters found in parameter 'symbols'; legal range is '^\\[("[A-Z0-9-_.]{1,20}"(,"[A-Z0-9-_.]{1,20}"){0,}){0,1}\\]$'.
            /api/v3/ticker/24hr?symbols=["BTCUSDT","NOPE"]         | -1121 | Invalid symbol.
            /api/v3/ticker/24hr?symbols=["BTCUSDT","BTCUSDT"]      | -1151 | Symbol is present multiple times in the list.
            /api/v3/ticker/24hr?symbol=BTCUSDT&type=HUGE           | -1130 | Data sent for parameter 'type' is not valid.
            /api/v3/ticker                                         | -1102 | Param 'symbol' or 'symbols' must be sent, but both were empty.
            /api/v3/ticker?symbol=BTCUSDT&windowSize=60m           | -1130 | Data sent for parameter 'windowSize' is not valid.
            /api/v3/ticker?symbol=BTCUSDT&windowSize=8d            | -1130 | Data sent for parameter 'windowSize' is not valid.
            /api/v3/exchangeInfo?symbol=NOPE                       | -1121 | Invalid symbol.
            /api/v3/exchangeInfo?symbolStatus=OPEN                 | -1122 | Invalid symbolStatus.
            """)
    void refusesWithBinanceErrors(String request, int code, String message) throws Exception {
        HttpResponse<String> r = get(exchange.baseUrl(), request.replace("\"", "%22").replace("[", "%5B")
                .replace("]", "%5D"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"code\":" + code + ",\"msg\":\"" + message.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"}");
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json;charset=UTF-8");
    }

    @Test
    void aBrokenPercentEscapeIsABadRequest() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", exchange.api.port())) {
            socket.getOutputStream().write(("GET /api/v3/avgPrice?symbol=%ZZ HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).contains("{\"code\":-1100,\"msg\":\"Illegal characters found in a parameter.\"}");
        }
    }

    @Test
    void unknownPathsAre404() throws Exception {
        HttpResponse<String> r = get(exchange.baseUrl(), "/api/v3/nothing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("\"code\":-1000");
    }

    @Test
    void weightIsReportedThen429ThenTheIpIsBanned(@TempDir Path own) throws Exception {
        try (LiveExchange small = new LiveExchange(own, ApiConfig.defaults(0).withWeightPerMinute(30))) {
            HttpResponse<String> r = get(small.baseUrl(), "/api/v3/depth?symbol=BTCUSDT");
            assertThat(r.headers().firstValue("x-mbx-used-weight-1m")).hasValue("5");
            while (r.statusCode() == 200) {
                r = get(small.baseUrl(), "/api/v3/depth?symbol=BTCUSDT");
            }
            if (r.statusCode() == 429 && r.headers().firstValue("x-mbx-used-weight-1m").map(Integer::parseInt)
                    .orElseThrow() < 30) {
                return; // the minute turned over mid-test; nothing more to check reliably
            }
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.body()).startsWith("{\"code\":-1003,\"msg\":\"Too much request weight used;");
            assertThat(r.headers().firstValue("retry-after").map(Integer::parseInt).orElseThrow()).isBetween(1, 60);
            for (int i = 0; i < 3; i++) {
                r = get(small.baseUrl(), "/api/v3/ping");
            }
            assertThat(r.statusCode()).isEqualTo(418);
            assertThat(r.body()).contains("IP banned until");
            assertThat(get(small.baseUrl(), "/api/v3/time").statusCode()).isEqualTo(418);
        }
    }

    @Test
    void rawRequestsAreCountedWhateverTheirWeight(@TempDir Path own) throws Exception {
        try (LiveExchange small = new LiveExchange(own, ApiConfig.defaults(0).withRawRequestsPer5Min(20))) {
            assertThat(get(small.baseUrl(), "/api/v3/exchangeInfo?symbol=BTCUSDT").body())
                    .contains("{\"rateLimitType\":\"RAW_REQUESTS\",\"interval\":\"MINUTE\",\"intervalNum\":5,"
                            + "\"limit\":20}");
            HttpResponse<String> r = get(small.baseUrl(), "/api/v3/ping");
            int allowed = 2;
            while (r.statusCode() == 200 && allowed < 100) {
                r = get(small.baseUrl(), "/api/v3/ping");
                allowed++;
            }
            if (allowed < 21) {
                return; // five minutes turned over mid-test; nothing more to check reliably
            }
            assertThat(allowed).isEqualTo(21);
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.body()).isEqualTo("{\"code\":-1003,\"msg\":\"Too many requests; current limit is 20 requests "
                    + "per 5 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.\"}");
            assertThat(r.headers().firstValue("retry-after").map(Integer::parseInt).orElseThrow()).isBetween(1, 300);
        }
    }
}
