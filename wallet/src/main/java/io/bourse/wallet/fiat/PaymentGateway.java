package io.bourse.wallet.fiat;

/**
 * A card or bank payment provider as the wallet sees it: it starts payments and later tells their outcome through
 * webhooks, which must carry the provider's signature. One implementation per provider; the sandbox is built in.
 */
public interface PaymentGateway {
    /** The provider's name, as it appears in webhook URLs ({@code /bourse/v1/fiat/webhooks/<name>}). */
    String name();

    /** Where the customer goes to pay for {@code paymentId} (a page of the provider). */
    String checkoutUrl(String paymentId);

    /**
     * Checks the signature header against the exact bytes received and returns the event, or throws
     * {@link BadWebhook} (a forged, altered or stale webhook).
     */
    WebhookEvent verify(String signatureHeader, byte[] body, long nowMs);

    /** What a webhook says happened to a payment. */
    record WebhookEvent(String eventId, String paymentId, String outcome, String currency, String amount) {
    }

    /** A webhook that does not prove it came from the provider. */
    final class BadWebhook extends RuntimeException {
        public BadWebhook(String message) {
            super(message, null, false, false);
        }
    }
}
