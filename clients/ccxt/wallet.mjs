// CCXT's wallet calls against a running Bourse: node wallet.mjs <http base> <api key> <secret>
// Expects a USDT deposit already credited; withdraws 20 USDT on ERC20 to the address given as fourth argument.
// Prints one JSON object with what it saw; exits non-zero on the first failure.
import ccxt from 'ccxt';

const [base, apiKey, secret, withdrawTo] = process.argv.slice(2);

function retarget(node) {
    for (const [k, v] of Object.entries(node)) {
        if (typeof v === 'string') {
            node[k] = v.replace('https://api.binance.com', base);
        } else if (v && typeof v === 'object') {
            retarget(v);
        }
    }
}

const ex = new ccxt.binance({
    apiKey, secret, enableRateLimit: false,
    options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: true, defaultType: 'spot' },
});
retarget(ex.urls);
const step = (name) => console.error(`ccxt: ${name}`);
const out = {};
try {
    step('loadMarkets with currencies');
    await ex.loadMarkets();
    const usdt = ex.currencies['USDT'];
    out.usdtNetworks = Object.keys(usdt.networks).sort();
    out.usdtWithdrawFee = usdt.networks[out.usdtNetworks[0]].fee;
    out.usdtDeposit = usdt.deposit;
    step('fetchDepositAddress');
    const address = await ex.fetchDepositAddress('USDT', { network: 'ERC20' });
    out.depositAddress = address.address;
    out.depositNetwork = address.network ?? null;
    step('fetchDeposits');
    const deposits = await ex.fetchDeposits('USDT');
    out.deposits = deposits.length;
    out.depositStatus = deposits[0]?.status;
    out.depositAmount = deposits[0]?.amount;
    step('fetchBalance');
    const balance = await ex.fetchBalance();
    out.balanceUSDT = balance.USDT?.free;
    step('withdraw');
    const withdrawal = await ex.withdraw('USDT', 20, withdrawTo, undefined, { network: 'ERC20' });
    out.withdrawalId = withdrawal.id;
    step('fetchWithdrawals');
    const withdrawals = await ex.fetchWithdrawals('USDT');
    out.withdrawals = withdrawals.length;
    out.withdrawalStatus = withdrawals[0]?.status;
    out.withdrawalFee = withdrawals[0]?.fee?.cost;
    step('withdraw too much');
    try {
        await ex.withdraw('USDT', 1000, withdrawTo, undefined, { network: 'ERC20' });
        out.tooMuch = 'accepted';
    } catch (e) {
        out.tooMuch = e.constructor.name;
        out.tooMuchMessage = e.message;
    }
    console.log(JSON.stringify(out));
} catch (e) {
    console.error(`ccxt: failed: ${e.constructor.name}: ${e.message}`);
    console.log(JSON.stringify(out));
    process.exit(1);
}
