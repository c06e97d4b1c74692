package io.bourse.platform.twofactor;

/** What an authenticator app needs to enrol: the secret, the otpauth URI and the same URI as a QR code image. */
public record Enrolment(String secret, String otpauthUri, String qrCodeDataUri) {
}
