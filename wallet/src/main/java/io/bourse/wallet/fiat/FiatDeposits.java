package io.bourse.wallet.fiat;

import io.bourse.engine.RejectReason;
import io.bourse.engine.command.Deposit;
import io.bourse.platform.Refused;
import io.bourse.platform.account.Secrets;
import io.bourse.platform.account.UserRow;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.pipeline.CommandResult;
import io.bourse.wallet.network.Amounts;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Card and bank deposits through a payment gateway. A customer (KYC tier 1) starts a payment and is sent to the
 * provider's checkout; the provider's signed webhook then says whether it succeeded. The webhook is checked
 * (signature, age, the payment's amount and currency), recorded by its event id so a replay changes nothing, and a
 * success is credited through the engine exactly once (the deposit id is the engine's reference).
 */
public final class FiatDeposits {
    private static final Logger LOG = LoggerFactory.getLogger(FiatDeposits.class);
    private static final Set<String> METHODS = Set.of("CARD", "BANK");

    private final Jdbi jdbi;
    private final Clock clock;
    private final Map<String, FiatCurrency> currencies;
    private final PaymentGateway gateway;
    private final ExchangeCore core;

    public FiatDeposits(Jdbi jdbi, Clock clock, List<FiatCurrency> currencies, PaymentGateway gateway,
                        ExchangeCore core) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.currencies = currencies.stream().collect(java.util.stream.Collectors.toMap(FiatCurrency::currency,
                c -> c));
        this.gateway = gateway;
        this.core = core;
    }

    public PaymentGateway gateway() {
        return gateway;
    }

    public FiatCurrency currency(String code) {
        FiatCurrency c = currencies.get(code);
        if (c == null) {
            throw Refused.invalid("Unknown fiat currency " + code + ".");
        }
        return c;
    }

    /** A started payment: where to pay it. */
    public record Payment(long depositId, String paymentId, String currency, String amount, String method,
                          String checkoutUrl) {
    }

    /** Thrown for a webhook already handled (same event id): it changed nothing. */
    public static final class Replayed extends RuntimeException {
        public Replayed(String eventId) {
            super("Webhook event " + eventId + " was already processed.", null, false, false);
        }
    }

    public Payment start(long userId, String currencyCode, String amountText, String methodText) {
        String code = currencyCode == null ? "" : currencyCode.toUpperCase(Locale.ROOT);
        FiatCurrency currency = currencies.get(code);
        if (currency == null) {
            throw Refused.invalid("Fiat currency must be one of " + currencies.keySet() + ".");
        }
        String method = methodText == null ? "CARD" : methodText.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw Refused.invalid("Payment method must be CARD or BANK.");
        }
        long amount = Amounts.parse(amountText, currency.scale(), "amount");
        if (amount < currency.minPayment() || amount > currency.maxPayment()) {
            throw Refused.invalid("Amount must be between " + Amounts.format(currency.minPayment(), currency.scale())
                    + " and " + Amounts.format(currency.maxPayment(), currency.scale()) + " " + code + ".");
        }
        String paymentId = "pay_" + Secrets.readableCode(20).toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        long id = jdbi.inTransaction(h -> {
            UserRow u = UserRow.byId(h, userId).orElseThrow(() -> Refused.notFound("User"));
            if (u.kycTier() < 1) {
                throw Refused.tierTooLow(1, u.kycTier());
            }
            return h.createQuery("INSERT INTO deposits (user_id, asset, network, tx_id, output_index, address, amount, "
                            + "status, detected_at) VALUES (:u, :asset, :method, :pay, 0, :gateway, :amount, 'PENDING', "
                            + ":now) RETURNING deposit_id")
                    .bind("u", userId).bind("asset", code).bind("method", method).bind("pay", paymentId)
                    .bind("gateway", gateway.name()).bind("amount", amount).bind("now", Timestamp.from(now))
                    .mapTo(Long.class).one();
        });
        return new Payment(id, paymentId, code, Amounts.format(amount, currency.scale()), method,
                gateway.checkoutUrl(paymentId));
    }

    /**
     * Handles a webhook from the gateway: throws {@link PaymentGateway.BadWebhook} for a forged or stale one,
     * {@link Replayed} for one already seen; otherwise records its outcome and credits a success.
     */
    public void onWebhook(String signatureHeader, byte[] body) {
        Instant now = clock.instant();
        PaymentGateway.WebhookEvent e = gateway.verify(signatureHeader, body, now.toEpochMilli());
        record Match(long depositId, long userId, String asset, long amount) {
        }
        Match match = jdbi.inTransaction(h -> {
            int fresh = h.createUpdate("INSERT INTO fiat_webhooks (provider, event_id, received_at) "
                            + "VALUES (:p, :e, :now) ON CONFLICT DO NOTHING")
                    .bind("p", gateway.name()).bind("e", e.eventId()).bind("now", Timestamp.from(now)).execute();
            if (fresh == 0) {
                throw new Replayed(e.eventId());
            }
            Match m = h.createQuery("SELECT deposit_id, user_id, asset, amount FROM deposits WHERE tx_id = :pay "
                            + "AND address = :gateway AND network IN ('CARD', 'BANK') FOR UPDATE")
                    .bind("pay", e.paymentId()).bind("gateway", gateway.name())
                    .map((rs, ctx) -> new Match(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4)))
                    .findOne().orElseThrow(() -> new PaymentGateway.BadWebhook("Unknown payment " + e.paymentId()
                            + "."));
            FiatCurrency currency = currencies.get(m.asset());
            if (!m.asset().equals(e.currency()) || Amounts.parse(e.amount(), currency.scale(), "amount") != m.amount()) {
                throw new PaymentGateway.BadWebhook("Webhook amount or currency does not match payment "
                        + e.paymentId() + ".");
            }
            String next = switch (e.outcome()) {
                case "succeeded" -> "CREDITING";
                case "failed" -> "FAILED";
                default -> throw new PaymentGateway.BadWebhook("Unknown outcome '" + e.outcome() + "'.");
            };
            int moved = h.createUpdate("UPDATE deposits SET status = :s, detail = :d WHERE deposit_id = :id "
                            + "AND status = 'PENDING'")
                    .bind("s", next).bind("d", "webhook " + e.eventId()).bind("id", m.depositId()).execute();
            return moved == 1 && next.equals("CREDITING") ? m : null;
        });
        if (match != null) {
            credit(match.depositId(), match.userId(), match.asset(), match.amount());
        }
    }

    /** Credits payments left CREDITING by a crash (the engine refuses a second credit of the same reference). */
    public void tick() {
        record Open(long id, long user, String asset, long amount) {
        }
        List<Open> open = jdbi.withHandle(h -> h.createQuery("SELECT deposit_id, user_id, asset, amount FROM deposits "
                        + "WHERE network IN ('CARD', 'BANK') AND status = 'CREDITING'")
                .map((rs, ctx) -> new Open(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4))).list());
        for (Open o : open) {
            credit(o.id(), o.user(), o.asset(), o.amount());
        }
    }

    private void credit(long depositId, long userId, String asset, long amount) {
        CommandResult r = core.submit(new Deposit(userId, currencies.get(asset).assetId(), amount, depositId)).join();
        if (r.status() == CommandResult.Status.ACCEPTED || r.reject() == RejectReason.DUPLICATE_DEPOSIT) {
            jdbi.useHandle(h -> h.createUpdate("UPDATE deposits SET status = 'CREDITED', credited_at = :now "
                            + "WHERE deposit_id = :id")
                    .bind("now", Timestamp.from(clock.instant())).bind("id", depositId).execute());
            LOG.info("wallet: fiat deposit {} credited: {} {} to user {}", depositId, amount, asset, userId);
        } else {
            LOG.warn("wallet: fiat deposit {} not credited yet ({} {}); retried", depositId, r.status(), r.reject());
        }
    }
}
