package io.bourse.api.auth;

/** What an API key may do: read account data, trade, withdraw (withdrawals arrive with the wallet issue). */
public enum Permission {
    READ, TRADE, WITHDRAW
}
