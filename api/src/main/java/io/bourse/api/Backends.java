package io.bourse.api;

import io.bourse.api.auth.ApiKeys;
import io.bourse.api.userdata.UserData;
import io.bourse.history.History;
import io.bourse.marketdata.MarketData;
import io.bourse.runtime.ExchangeCore;
import io.bourse.store.Accounts;

/**
 * What the API serves from: the core (commands), its market-data and user-data readers, API keys, the history
 * store (null: answers come from memory only), and for the operator endpoints the accounts store and the operator
 * token (both null: no operator endpoints).
 */
public record Backends(ExchangeCore core, MarketData marketData, UserData userData, ApiKeys keys, History history,
                       Accounts accounts, String operatorToken) {
}
