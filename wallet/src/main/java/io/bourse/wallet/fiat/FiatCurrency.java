package io.bourse.wallet.fiat;

/** A fiat currency the exchange takes: its engine asset and the smallest and largest payment, in its units. */
public record FiatCurrency(String currency, int assetId, int scale, long minPayment, long maxPayment) {
}
