package io.bourse.engine.market;

/**
 * A listed asset. Amounts of it are whole numbers of its smallest unit, 10^-scale.
 *
 * @param id    the engine's number for the asset, assigned at listing, dense from 0
 * @param name  ticker, e.g. {@code BTC}
 * @param scale decimal places of the smallest unit, 0..18
 */
public record AssetSpec(int id, String name, int scale) {
    public static final int MAX_SCALE = 18;
}
