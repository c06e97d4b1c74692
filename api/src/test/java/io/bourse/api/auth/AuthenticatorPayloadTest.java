package io.bourse.api.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The signed payload is the request's text without the signature, every other byte exactly as sent. */
class AuthenticatorPayloadTest {
    @Test
    void theSignatureIsCutOutAndNothingElseMoves() {
        assertThat(Authenticator.without("a=1&b=2&signature=ff", "signature")).isEqualTo("a=1&b=2");
        assertThat(Authenticator.without("signature=ff&a=1", "signature")).isEqualTo("a=1");
        assertThat(Authenticator.without("a=1&signature=ff&b=2", "signature")).isEqualTo("a=1&b=2");
        assertThat(Authenticator.without("&timestamp=5&signature=ff", "signature")).isEqualTo("&timestamp=5");
        assertThat(Authenticator.without("a=1&&b=2&signature=ff", "signature")).isEqualTo("a=1&&b=2");
        assertThat(Authenticator.without("xsignature=1&a=2", "signature")).isEqualTo("xsignature=1&a=2");
        assertThat(Authenticator.rawParam("xsignature=1&signature=ab%2B", "signature")).isEqualTo("ab%2B");
        assertThat(Authenticator.rawParam("a=1", "signature")).isNull();
    }

    @Test
    void binancesDocumentedExampleSignsAsDocumented() {
        String secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
        String payload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000"
                + "&timestamp=1499827319559";
        assertThat(Signatures.hmacHex(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII), payload))
                .isEqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
    }
}
