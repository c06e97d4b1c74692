package io.bourse.api.wallet;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bourse.api.http.JsonOut;
import io.bourse.wallet.deposit.DepositRecord;
import io.bourse.wallet.network.Amounts;
import io.bourse.wallet.network.NetworkAsset;
import io.bourse.wallet.network.Networks;
import io.bourse.wallet.withdraw.WithdrawalRecord;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Deposits, withdrawals and networks in Binance's wallet (sapi) shapes. */
final class WalletJson {
    private static final DateTimeFormatter APPLY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private WalletJson() {
    }

    /** The statuses Binance's deposit status number stands for. */
    static java.util.List<String> depositStatuses(int binance) {
        return switch (binance) {
            case 0 -> java.util.List.of("PENDING", "ORPHANED", "CREDITING");
            case 1 -> java.util.List.of("CREDITED");
            case 6 -> java.util.List.of("REVERSED");
            case 7 -> java.util.List.of("FAILED");
            default -> java.util.List.of("NONE");
        };
    }

    /**
     * Binance's deposit status: 0 pending, 1 credited, 6 credited but under review (reorged out after crediting),
     * 7 failed. A deposit reorged out before crediting shows as pending until it is gone.
     */
    static int depositStatus(String status) {
        return switch (status) {
            case "CREDITED" -> 1;
            case "REVERSED" -> 6;
            case "FAILED" -> 7;
            default -> 0;
        };
    }

    /** A deposit history: an array of {@link #deposit}s. */
    static Buffer deposits(java.util.List<DepositRecord> list, Networks networks) {
        return array(list, (g, d) -> deposit(g, d, networks));
    }

    /** A withdrawal history: an array of {@link #withdrawal}s. */
    static Buffer withdrawals(java.util.List<WithdrawalRecord> list, Networks networks) {
        return array(list, (g, w) -> withdrawal(g, w, networks));
    }

    private interface ElementWriter<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }

    private static <T> Buffer array(java.util.List<T> list, ElementWriter<T> element) {
        return JsonOut.write(g -> {
            g.writeStartArray();
            for (T item : list) {
                element.write(g, item);
            }
            g.writeEndArray();
        });
    }

    private static void deposit(JsonGenerator g, DepositRecord d, Networks networks) throws IOException {
        int scale = networks.find(d.asset(), d.network()).map(NetworkAsset::scale).orElse(8);
        g.writeStartObject();
        g.writeStringField("id", Long.toString(d.depositId()));
        g.writeStringField("amount", Amounts.format(d.amount(), scale));
        g.writeStringField("coin", d.asset());
        g.writeStringField("network", d.network());
        g.writeNumberField("status", depositStatus(d.status()));
        g.writeStringField("address", d.address());
        g.writeStringField("addressTag", "");
        g.writeStringField("txId", d.txId());
        g.writeNumberField("insertTime", d.detectedAt().toEpochMilli());
        if (d.creditedAt() != null) {
            g.writeNumberField("completeTime", d.creditedAt().toEpochMilli());
        }
        g.writeNumberField("transferType", 0);
        g.writeStringField("confirmTimes", Math.min(d.confirmations(), d.required()) + "/" + d.required());
        g.writeNumberField("unlockConfirm", 0);
        g.writeNumberField("walletType", 0);
        g.writeEndObject();
    }

    static void withdrawal(JsonGenerator g, WithdrawalRecord w, Networks networks) throws IOException {
        int scale = networks.find(w.asset(), w.network()).map(NetworkAsset::scale).orElse(8);
        g.writeStartObject();
        g.writeStringField("id", Long.toString(w.withdrawalId()));
        g.writeStringField("amount", Amounts.format(w.amount(), scale));
        g.writeStringField("transactionFee", Amounts.format(w.fee(), scale));
        g.writeStringField("coin", w.asset());
        g.writeNumberField("status", w.binanceStatus());
        g.writeStringField("address", w.address());
        g.writeStringField("txId", w.txId() == null ? "" : w.txId());
        g.writeStringField("applyTime", APPLY_TIME.format(w.requestedAt()));
        g.writeStringField("network", w.network());
        g.writeNumberField("transferType", 0);
        if (w.clientOrderId() != null) {
            g.writeStringField("withdrawOrderId", w.clientOrderId());
        }
        g.writeStringField("info", w.detail());
        g.writeNumberField("confirmNo", w.confirmations());
        g.writeNumberField("walletType", 0);
        g.writeStringField("txKey", "");
        if (w.completedAt() != null) {
            g.writeStringField("completeTime", APPLY_TIME.format(w.completedAt()));
        }
        g.writeEndObject();
    }

    static void network(JsonGenerator g, NetworkAsset n) throws IOException {
        g.writeStartObject();
        g.writeStringField("network", n.network());
        g.writeStringField("coin", n.asset());
        g.writeStringField("withdrawIntegerMultiple", Amounts.format(1, n.scale()));
        g.writeBooleanField("isDefault", n.isDefault());
        g.writeBooleanField("depositEnable", n.depositEnabled());
        g.writeBooleanField("withdrawEnable", n.withdrawEnabled());
        g.writeStringField("depositDesc", "");
        g.writeStringField("withdrawDesc", "");
        g.writeStringField("specialTips", "");
        g.writeStringField("name", n.networkName());
        g.writeBooleanField("resetAddressStatus", false);
        g.writeStringField("addressRegex", n.addressRegex());
        g.writeStringField("memoRegex", "");
        g.writeStringField("withdrawFee", Amounts.format(n.withdrawFee(), n.scale()));
        g.writeStringField("withdrawMin", Amounts.format(n.withdrawMin(), n.scale()));
        g.writeStringField("withdrawMax", Amounts.format(n.withdrawMax(), n.scale()));
        g.writeNumberField("minConfirm", n.confirmations());
        g.writeNumberField("unLockConfirm", 0);
        g.writeBooleanField("sameAddress", false);
        g.writeBooleanField("busy", false);
        g.writeEndObject();
    }
}
