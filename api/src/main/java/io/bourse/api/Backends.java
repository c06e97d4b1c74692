package io.bourse.api;

import io.bourse.api.auth.ApiKeys;
import io.bourse.api.userdata.UserData;
import io.bourse.history.History;
import io.bourse.marketdata.MarketData;
import io.bourse.platform.Platform;
import io.bourse.wallet.Wallet;
import io.bourse.runtime.ExchangeCore;
import io.bourse.store.Accounts;

/**
 * What the API serves from: the core (commands), its market-data and user-data readers, API keys, the history
 * store (null: answers come from memory only), for the operator endpoints the accounts store and the operator
 * token (both null: no operator endpoints), the account platform (null: no sign-up, sessions or staff), and the
 * wallet (null: no deposits or withdrawals).
 */
public record Backends(ExchangeCore core, MarketData marketData, UserData userData, ApiKeys keys, History history,
                       Accounts accounts, String operatorToken, Platform platform, Wallet wallet) {
}
