package io.bourse.engine;

import io.bourse.engine.command.Deposit;
import io.bourse.engine.command.WithdrawHold;
import io.bourse.engine.command.WithdrawRelease;
import io.bourse.engine.command.WithdrawSettle;
import org.junit.jupiter.api.Test;

import static io.bourse.engine.TestExchange.BTC;
import static io.bourse.engine.TestExchange.ETH;
import static io.bourse.engine.TestExchange.qty;
import static org.assertj.core.api.Assertions.assertThat;

class FundsTest {
    @Test
    void depositShouldCreditAndGrowSupply() {
        TestExchange x = new TestExchange();
        x.ok(new Deposit(7, BTC, qty("1.5"), 42));

        assertThat(x.free(7, BTC)).isEqualTo(qty("1.5"));
        assertThat(x.engine.supply(BTC)).isEqualTo(qty("1.5"));
        assertThat(x.log.events()).contains(new EventLog.FundsEvent(7, BTC, qty("1.5"), FundsMovement.DEPOSIT, 42));
    }

    @Test
    void depositShouldRefuseBadAmountsUnknownAssetsAndOverflow() {
        TestExchange x = new TestExchange();
        assertThat(x.apply(new Deposit(7, BTC, 0, 1))).isEqualTo(RejectReason.INVALID_AMOUNT);
        assertThat(x.apply(new Deposit(7, BTC, -5, 1))).isEqualTo(RejectReason.INVALID_AMOUNT);
        assertThat(x.apply(new Deposit(7, 99, 5, 1))).isEqualTo(RejectReason.UNKNOWN_ASSET);
        x.ok(new Deposit(7, BTC, Long.MAX_VALUE - 10, 1));
        assertThat(x.apply(new Deposit(8, BTC, 11, 2))).isEqualTo(RejectReason.BALANCE_OVERFLOW);
        assertThat(x.engine.supply(BTC)).isEqualTo(Long.MAX_VALUE - 10);
    }

    @Test
    void aDepositReferenceIsCreditedOnlyOnce() {
        TestExchange x = new TestExchange();
        x.ok(new Deposit(7, BTC, qty("1"), 42));
        assertThat(x.apply(new Deposit(7, BTC, qty("1"), 42))).isEqualTo(RejectReason.DUPLICATE_DEPOSIT);
        assertThat(x.apply(new Deposit(8, ETH, qty("3"), 42))).isEqualTo(RejectReason.DUPLICATE_DEPOSIT);
        x.ok(new Deposit(7, BTC, qty("1"), 0));
        x.ok(new Deposit(7, BTC, qty("1"), 0));
        assertThat(x.free(7, BTC)).isEqualTo(qty("3"));
        assertThat(x.engine.supply(BTC)).isEqualTo(qty("3"));
    }

    @Test
    void creditedReferencesSurviveASnapshot() throws Exception {
        TestExchange x = new TestExchange();
        x.ok(new Deposit(7, BTC, qty("1"), 42));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        x.engine.writeSnapshot(new java.io.DataOutputStream(bytes));
        io.bourse.engine.Engine restored = io.bourse.engine.Engine.restore(new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())), new EventLog());
        assertThat(restored.stateHash()).isEqualTo(x.engine.stateHash());
        assertThat(restored.apply(1_000, 0, new Deposit(7, BTC, qty("1"), 42)))
                .isEqualTo(RejectReason.DUPLICATE_DEPOSIT);
    }

    @Test
    void withdrawalShouldHoldThenSettle() {
        TestExchange x = new TestExchange();
        x.fund(7, BTC, "2");
        x.ok(new WithdrawHold(500, 7, BTC, qty("0.5")));
        assertThat(x.locked(7, BTC)).isEqualTo(qty("0.5"));
        assertThat(x.free(7, BTC)).isEqualTo(qty("1.5"));

        x.ok(new WithdrawSettle(500));
        assertThat(x.locked(7, BTC)).isZero();
        assertThat(x.engine.supply(BTC)).isEqualTo(qty("1.5"));
        assertThat(x.apply(new WithdrawSettle(500))).isEqualTo(RejectReason.UNKNOWN_WITHDRAWAL);
    }

    @Test
    void withdrawalShouldReleaseBackToFree() {
        TestExchange x = new TestExchange();
        x.fund(7, BTC, "2");
        x.ok(new WithdrawHold(500, 7, BTC, qty("0.5")));
        assertThat(x.apply(new WithdrawHold(500, 7, BTC, qty("0.1")))).isEqualTo(RejectReason.DUPLICATE_WITHDRAWAL);
        x.ok(new WithdrawRelease(500));

        assertThat(x.free(7, BTC)).isEqualTo(qty("2"));
        assertThat(x.engine.supply(BTC)).isEqualTo(qty("2"));
    }

    @Test
    void withdrawalShouldRefuseMoreThanIsFree() {
        TestExchange x = new TestExchange();
        x.fund(7, BTC, "2");
        x.limit(7, Side.SELL, "60000", "1.5");
        assertThat(x.apply(new WithdrawHold(1, 7, BTC, qty("0.6")))).isEqualTo(RejectReason.INSUFFICIENT_BALANCE);
    }
}
