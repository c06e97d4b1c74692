package io.bourse.wallet.network;

import java.util.regex.Pattern;

/**
 * One asset on one network, as Binance's {@code capital/config/getall} describes it. Amounts are in the asset's
 * smallest exchange unit ({@code scale} decimals, as in the engine).
 *
 * @param confirmations blocks a deposit needs before it is credited (and a withdrawal before it is final)
 * @param withdrawFee   charged on top of the amount sent
 */
public record NetworkAsset(String asset, int assetId, int scale, String network, String networkName,
                           int confirmations, long withdrawFee, long withdrawMin, long withdrawMax,
                           boolean depositEnabled, boolean withdrawEnabled, boolean isDefault, String addressRegex) {

    public boolean validAddress(String address) {
        return address != null && address.length() <= 128 && Pattern.matches(addressRegex, address);
    }
}
