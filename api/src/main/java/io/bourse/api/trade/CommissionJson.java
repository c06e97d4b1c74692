package io.bourse.api.trade;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bourse.api.http.Decimals;

import java.io.IOException;

/**
 * The commission objects of {@code GET /api/v3/account/commission} and of {@code POST /api/v3/order/test} with
 * {@code computeCommissionRates=true}: the fee tier's standard rates, no special or tax rates, no BNB discount.
 */
final class CommissionJson {
    private static final String ZERO = "0.00000000";

    private CommissionJson() {
    }

    /**
     * Writes {@code standardCommission<suffix>}, {@code specialCommission<suffix>}, {@code taxCommission<suffix>} and
     * {@code discount} into the current object; {@code rates} is the tier's {maker, taker}.
     */
    static void write(JsonGenerator g, String suffix, long[] rates, boolean withBuyerSeller) throws IOException {
        rates(g, "standardCommission" + suffix, Decimals.format(rates[0], 8), Decimals.format(rates[1], 8),
                withBuyerSeller);
        rates(g, "specialCommission" + suffix, ZERO, ZERO, withBuyerSeller);
        rates(g, "taxCommission" + suffix, ZERO, ZERO, withBuyerSeller);
        g.writeObjectFieldStart("discount");
        g.writeBooleanField("enabledForAccount", false);
        g.writeBooleanField("enabledForSymbol", false);
        g.writeStringField("discountAsset", "BNB");
        g.writeStringField("discount", ZERO);
        g.writeEndObject();
    }

    private static void rates(JsonGenerator g, String name, String maker, String taker, boolean withBuyerSeller)
            throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("maker", maker);
        g.writeStringField("taker", taker);
        if (withBuyerSeller) {
            g.writeStringField("buyer", ZERO);
            g.writeStringField("seller", ZERO);
        }
        g.writeEndObject();
    }
}
