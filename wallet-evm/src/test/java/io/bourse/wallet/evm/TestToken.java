package io.bourse.wallet.evm;

import java.io.IOException;

/**
 * A token for tests, assembled by hand and installed with {@code anvil_setCode}: {@code transfer(to, amount)}
 * emits {@code Transfer(caller, to, amount)} and returns true. It keeps no balances: the adapter reads only logs.
 *
 * <pre>
 * PUSH1 0x24 CALLDATALOAD PUSH1 0 MSTORE     memory[0..32] = amount
 * PUSH1 0x04 CALLDATALOAD CALLER             topic 2 = to, topic 1 = from
 * PUSH32 Transfer PUSH1 0x20 PUSH1 0 LOG3    the event, data = amount
 * PUSH1 1 PUSH1 0 MSTORE PUSH1 0x20 PUSH1 0 RETURN   return true
 * </pre>
 */
public final class TestToken {
    public static final String ADDRESS = "0x00000000000000000000000000000000000000aa";
    static final String CODE = "0x602435600052600435337f" + EvmChain.TRANSFER_TOPIC.substring(2)
            + "60206000a3600160005260206000f3";

    private TestToken() {
    }

    public static void install(Anvil anvil) throws IOException, InterruptedException {
        anvil.rpc("anvil_setCode", "[\"" + ADDRESS + "\",\"" + CODE + "\"]");
    }

    /** Call data of {@code transfer(to, amount)}. */
    public static String transfer(String to, long amount) {
        return "0xa9059cbb" + "0".repeat(24) + to.substring(2) + String.format("%064x", amount);
    }
}
