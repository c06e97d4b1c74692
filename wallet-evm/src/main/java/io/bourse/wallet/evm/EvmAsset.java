package io.bourse.wallet.evm;

import java.math.BigInteger;

/**
 * An asset on an EVM chain: the native coin ({@code contract} null) or an ERC-20 token, with its on-chain decimals
 * and the exchange's scale, between which amounts are converted (dust below the exchange's unit is not credited).
 */
public record EvmAsset(String asset, String contract, int decimals, int exchangeScale) {
    public boolean isNative() {
        return contract == null;
    }

    /** On-chain base units to exchange units (rounded down). */
    public long toExchangeUnits(BigInteger onChain) {
        int shift = decimals - exchangeScale;
        BigInteger units = shift >= 0 ? onChain.divide(BigInteger.TEN.pow(shift))
                : onChain.multiply(BigInteger.TEN.pow(-shift));
        return units.bitLength() < 63 ? units.longValue() : Long.MAX_VALUE;
    }

    /** Exchange units to on-chain base units (exact when the chain has at least as many decimals). */
    public BigInteger toChainUnits(long units) {
        int shift = decimals - exchangeScale;
        BigInteger value = BigInteger.valueOf(units);
        return shift >= 0 ? value.multiply(BigInteger.TEN.pow(shift)) : value.divide(BigInteger.TEN.pow(-shift));
    }
}
