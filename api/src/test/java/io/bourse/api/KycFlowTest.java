package io.bourse.api;

import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KYC over HTTP: tier 1 by personal details and screening, tier 2 by documents and a compliance officer, with
 * refusals (bad details, sanctioned country, wrong files, wrong role, own review) that change nothing.
 */
class KycFlowTest {
    @TempDir
    static Path dir;
    static LiveExchange exchange;
    static String base;
    static Browser officer;
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5, 6, 7};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 9, 9, 9, 9};

    @BeforeAll
    static void start() throws Exception {
        exchange = new LiveExchange(dir, ApiConfig.defaults(0), true);
        base = exchange.baseUrl();
        officer = Browser.verifiedUser(base, "officer@bourse.test", "officer password");
        grant(officer, "COMPLIANCE");
    }

    @AfterAll
    static void stop() throws Exception {
        exchange.close();
    }

    @Test
    void personalDetailsGiveTierOneAndUnlockTradingKeys() {
        Browser b = user();
        JSONObject status = b.get("/bourse/v1/kyc").json();
        assertThat(status.getInt("tier")).isZero();
        assertThat(status.getString("withdrawalLimit24h")).isEqualTo("0");
        assertThat(b.post("/bourse/v1/me/api-keys", "label", "bot", "permissions", "TRADE").code()).isEqualTo(-7021);
        assertThat(b.post("/bourse/v1/me/api-keys", "label", "reader").status()).isEqualTo(200);

        assertThat(details(b, "Ada Lovelace", "1990-01-01", "XX").code()).isEqualTo(-7000);
        assertThat(details(b, "Ada Lovelace", "2015-01-01", "GB").json().getString("msg"))
                .isEqualTo("Customers must be at least 18 years old.");
        assertThat(details(b, "Ada Lovelace", "01/01/1990", "GB").code()).isEqualTo(-7000);
        assertThat(details(b, "<b>", "1990-01-01", "GB").code()).isEqualTo(-7000);
        assertThat(b.get("/bourse/v1/kyc").json().has("personalDetails")).isFalse();

        JSONObject tier1 = details(b, "Ada Lovelace", "1990-12-10", "gb").json();
        assertThat(tier1.getInt("tier")).isEqualTo(1);
        assertThat(tier1.getString("withdrawalLimit24h")).isEqualTo("10000");
        assertThat(tier1.getJSONObject("personalDetails").getString("country")).isEqualTo("GB");
        assertThat(details(b, "Ada Lovelace", "1990-12-10", "GB").code()).isEqualTo(-7012);
        assertThat(b.post("/bourse/v1/me/api-keys", "label", "bot", "permissions", "TRADE").status()).isEqualTo(200);
    }

    @Test
    void aSanctionedCountryIsRefusedAndNothingIsStored() {
        Browser b = user();
        Browser.Response refused = details(b, "Kim Example", "1980-05-05", "KP");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo(-7020);
        assertThat(refused.json().getString("msg")).contains("country KP is under sanctions");
        JSONObject status = b.get("/bourse/v1/kyc").json();
        assertThat(status.getInt("tier")).isZero();
        assertThat(status.has("personalDetails")).isFalse();
        long userId = b.get("/bourse/v1/me").json().getLong("userId");
        assertThat(audit(userId)).contains("KYC_BLOCKED");
    }

    @Test
    void screeningHitsWaitForComplianceWhoDecides() {
        Browser fromMyanmar = user();
        JSONObject waiting = details(fromMyanmar, "Aung Example", "1985-03-03", "MM").json();
        assertThat(waiting.getInt("tier")).isZero();
        JSONObject review = waiting.getJSONArray("reviews").getJSONObject(0);
        assertThat(review.getString("status")).isEqualTo("PENDING");
        assertThat(review.getString("note")).isEqualTo("country MM is high-risk");

        Browser listed = user();
        JSONObject hit = details(listed, "SANCTIONOV, Ivan", "1970-07-07", "DE").json();
        assertThat(hit.getJSONArray("reviews").getJSONObject(0).getString("note"))
                .isEqualTo("name matches listed person 'ivan sanctionov'");

        long reviewId = review.getLong("reviewId");
        assertThat(officer.get("/bourse/operator/kyc/reviews").array().toString()).contains("\"reviewId\":" + reviewId);
        assertThat(officer.post("/bourse/operator/kyc/reviews/decide", "reviewId", Long.toString(reviewId),
                "decision", "REJECT").code()).isEqualTo(-7000);
        assertThat(officer.post("/bourse/operator/kyc/reviews/decide", "reviewId", Long.toString(reviewId),
                "decision", "MAYBE").code()).isEqualTo(-1130);
        assertThat(officer.post("/bourse/operator/kyc/reviews/decide", "reviewId", Long.toString(reviewId),
                "decision", "APPROVE").status()).isEqualTo(200);
        assertThat(officer.post("/bourse/operator/kyc/reviews/decide", "reviewId", Long.toString(reviewId),
                "decision", "APPROVE").code()).isEqualTo(-7012);
        assertThat(fromMyanmar.get("/bourse/v1/kyc").json().getInt("tier")).isEqualTo(1);
        String email = fromMyanmar.get("/bourse/v1/me").json().getString("email");
        assertThat(Browser.latestMail(base, email).getString("subject")).isEqualTo("Your verification was approved");
    }

    @Test
    void documentsAndAnOfficerGiveTierTwo() throws Exception {
        Browser b = user();
        assertThat(b.post("/bourse/v1/kyc/submit").code()).isEqualTo(-7021);
        details(b, "Grace Hopper", "1980-12-09", "US");
        assertThat(upload(b, "PASSPORT", "image/jpeg", PNG).code()).isEqualTo(-7022);
        assertThat(upload(b, "PASSPORT", "application/x-msdownload", new byte[] {'M', 'Z', 0, 0}).code())
                .isEqualTo(-7022);
        assertThat(upload(b, "TATTOO", "image/jpeg", JPEG).code()).isEqualTo(-7022);
        assertThat(upload(b, "PASSPORT", "image/jpeg", new byte[6 * 1024 * 1024]).status()).isEqualTo(413);
        assertThat(b.get("/bourse/v1/kyc").json().getJSONArray("documents").length()).isZero();

        JSONObject passport = upload(b, "PASSPORT", "image/jpeg", JPEG).json();
        assertThat(passport.getString("sha256")).hasSize(64);
        assertThat(b.post("/bourse/v1/kyc/submit").code()).isEqualTo(-7022);
        upload(b, "SELFIE", "image/png", PNG);
        JSONObject review = b.post("/bourse/v1/kyc/submit").array().getJSONObject(0);
        assertThat(review.getInt("requestedTier")).isEqualTo(2);
        assertThat(b.post("/bourse/v1/kyc/submit").code()).isEqualTo(-7012);

        long userId = b.get("/bourse/v1/me").json().getLong("userId");
        JSONObject caseFile = officer.get("/bourse/operator/kyc/users", "userId", Long.toString(userId)).json();
        assertThat(caseFile.getJSONArray("documents").length()).isEqualTo(2);
        HttpResponse<byte[]> file = download(officer, passport.getLong("documentId"));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(file.body()).isEqualTo(JPEG);
        assertThat(audit(userId)).contains("KYC_DOCUMENT_UPLOADED", "KYC_REVIEW_OPENED", "KYC_DOCUMENT_VIEWED");
        try (Stream<Path> files = Files.list(dir.resolve("kyc-documents"))) {
            for (Path p : files.toList()) {
                byte[] onDisk = Files.readAllBytes(p);
                assertThat(indexOf(onDisk, JPEG)).as("plain document bytes on disk").isEqualTo(-1);
            }
        }

        long reviewId = review.getLong("reviewId");
        officer.post("/bourse/operator/kyc/reviews/decide", "reviewId", Long.toString(reviewId), "decision",
                "REQUEST_MORE", "reason", "The passport photo is blurred.");
        String email = b.get("/bourse/v1/me").json().getString("email");
        assertThat(Browser.latestMail(base, email).getString("body")).contains("The passport photo is blurred.");
        upload(b, "PASSPORT", "image/jpeg", JPEG);
        long second = b.post("/bourse/v1/kyc/submit").array().getJSONObject(0).getLong("reviewId");
        officer.post("/bourse/operator/kyc/reviews/decide", "reviewId", Long.toString(second), "decision", "APPROVE");
        JSONObject tier2 = b.get("/bourse/v1/kyc").json();
        assertThat(tier2.getInt("tier")).isEqualTo(2);
        assertThat(tier2.getString("withdrawalLimit24h")).isEqualTo("1000000");
    }

    @Test
    void onlyOtherComplianceOfficersDecide() {
        Browser support = user();
        grant(support, "SUPPORT");
        assertThat(support.get("/bourse/operator/kyc/reviews").code()).isEqualTo(-7014);

        Browser officerWithCase = user();
        grant(officerWithCase, "COMPLIANCE");
        JSONObject own = details(officerWithCase, "Aung Officer", "1985-03-03", "MM").json();
        long reviewId = own.getJSONArray("reviews").getJSONObject(0).getLong("reviewId");
        assertThat(officerWithCase.post("/bourse/operator/kyc/reviews/decide", "reviewId", Long.toString(reviewId),
                "decision", "APPROVE").code()).isEqualTo(-7014);
        assertThat(support.post("/bourse/operator/kyc/reviews/decide", "reviewId", Long.toString(reviewId),
                "decision", "APPROVE").code()).isEqualTo(-7014);
        assertThat(officerWithCase.get("/bourse/v1/kyc").json().getInt("tier")).isZero();
    }

    private static Browser user() {
        return Browser.verifiedUser(base, "kyc" + NEXT.incrementAndGet() + "@example.com", "kyc user password");
    }

    private static Browser.Response details(Browser b, String name, String born, String country) {
        return b.post("/bourse/v1/kyc/personal", "fullName", name, "dateOfBirth", born, "country", country,
                "address", "12 Example Street, Springfield");
    }

    private static Browser.Response upload(Browser b, String kind, String type, byte[] content) {
        return b.upload("/bourse/v1/kyc/documents?kind=" + kind, type, content);
    }

    private static HttpResponse<byte[]> download(Browser b, long documentId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/bourse/operator/kyc/documents?documentId="
                + documentId)).header("Cookie", Browser.COOKIE + "=" + b.cookie).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void grant(Browser b, String role) {
        long id = b.get("/bourse/v1/me").json().getLong("userId");
        exchange.platform.roles().grant(io.bourse.platform.account.Actor.ROOT, id,
                io.bourse.platform.operator.OperatorRole.valueOf(role));
    }

    private static String audit(long userId) {
        return exchange.platform.audit().about("user:" + userId, 1000).toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
