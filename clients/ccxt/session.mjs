// A CCXT spot session against a running Bourse: node session.mjs <http base> <api key> <secret>
// Prints one JSON object with what it saw; exits non-zero on the first failure.
import ccxt from 'ccxt';

const [base, apiKey, secret] = process.argv.slice(2);
const wsBase = base.replace(/^http/, 'ws');

/** Points every Binance URL of the exchange at Bourse. */
function retarget(node) {
    for (const [k, v] of Object.entries(node)) {
        if (typeof v === 'string') {
            node[k] = v.replace('https://api.binance.com', base)
                .replace('wss://stream.binance.com:9443', wsBase)
                .replace('wss://ws-api.binance.com:443', wsBase);
        } else if (v && typeof v === 'object') {
            retarget(v);
        }
    }
}

function exchange(Klass) {
    const ex = new Klass({
        apiKey, secret, enableRateLimit: false,
        options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, defaultType: 'spot' },
    });
    retarget(ex.urls);
    return ex;
}

const rest = exchange(ccxt.binance);
const step = (name) => console.error(`ccxt: ${name}`);
const out = {};
try {
    step('rest.loadMarkets');
    const markets = await rest.loadMarkets();
    out.markets = Object.keys(markets).sort();
    out.btcusdtPrecision = markets['BTC/USDT'].precision;
    step('rest.fetchOrderBook');
    const book = await rest.fetchOrderBook('BTC/USDT', 10);
    out.bookBids = book.bids.length;
    step('rest.fetchTicker');
    out.ticker = (await rest.fetchTicker('BTC/USDT')).last;
    step('rest.fetchTickers');
    out.tickers = Object.keys(await rest.fetchTickers()).length;
    step('rest.fetchOHLCV');
    out.ohlcv = (await rest.fetchOHLCV('BTC/USDT', '1m', undefined, 5)).length;
    step('rest.fetchTrades');
    out.trades = (await rest.fetchTrades('BTC/USDT', undefined, 5)).length;
    step('rest.fetchBalance');
    out.balanceUSDT = (await rest.fetchBalance()).total['USDT'];
    step('rest.fetchTradingFees');
    const fees = await rest.fetchTradingFees();
    out.feeSymbols = Object.keys(fees).sort();
    out.btcusdtTakerFee = fees['BTC/USDT'].taker;
    step('rest.fetchTradingFee');
    out.ethbtcMakerFee = (await rest.fetchTradingFee('ETH/BTC')).maker;

    step('rest.createOrder');
    const limit = await rest.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 50000);
    out.limitStatus = limit.status;
    step('rest.fetchOrder');
    const fetched = await rest.fetchOrder(limit.id, 'BTC/USDT');
    out.fetchedStatus = fetched.status;
    step('rest.fetchOpenOrders');
    out.openOrders = (await rest.fetchOpenOrders('BTC/USDT')).length;
    step('rest.cancelOrder');
    const cancelled = await rest.cancelOrder(limit.id, 'BTC/USDT');
    out.cancelledStatus = cancelled.status;

    step('rest.createOrder');
    const market = await rest.createOrder('BTC/USDT', 'market', 'buy', 0.001);
    out.marketStatus = market.status;
    out.marketFilled = market.filled;
    step('rest.fetchMyTrades');
    out.myTrades = (await rest.fetchMyTrades('BTC/USDT')).length;

    try {
        step('rest.fetchOrder');
        await rest.fetchOrder('999999999', 'BTC/USDT');
        out.unknownOrder = 'found?';
    } catch (e) {
        out.unknownOrder = e.constructor.name;
    }
    try {
        step('rest.createOrder');
        await rest.createOrder('BTC/USDT', 'limit', 'buy', 1000, 50000);
        out.insufficient = 'accepted?';
    } catch (e) {
        out.insufficient = e.constructor.name;
    }

    const pro = exchange(ccxt.pro.binance);
    step('pro.loadHttpProxyAgent');
    await pro.loadHttpProxyAgent(); // CCXT needs this once for plain ws:// (no TLS) URLs, as on a local exchange
    step('pro.loadMarkets');
    await pro.loadMarkets();
    step('pro.watchOrderBook');
    const watched = await pro.watchOrderBook('BTC/USDT');
    step('rest.fetchOrderBook');
    const snapshot = await rest.fetchOrderBook('BTC/USDT', 1000);
    out.watchedBookNonce = watched.nonce;
    out.watchedBestBid = watched.bids[0] ? watched.bids[0][0] : null;
    out.restBestBid = snapshot.bids[0] ? snapshot.bids[0][0] : null;
    // the subscription may go out after our next trade: keep trading until the watch hears one
    let heard;
    const tradesWatch = pro.watchTrades('BTC/USDT').then((t) => { heard = t; });
    for (let i = 0; i < 20 && heard === undefined; i++) {
        step('createOrder');
        await rest.createOrder('BTC/USDT', 'market', 'buy', 0.001);
        await Promise.race([tradesWatch, new Promise((r) => setTimeout(r, 300))]);
    }
    out.watchedTrades = heard === undefined ? 0 : heard.length;
    step('pro.watchTicker');
    out.watchedTickerLast = (await pro.watchTicker('BTC/USDT')).last;
    step('pro.watchOHLCV');
    out.watchedCandles = (await pro.watchOHLCV('BTC/USDT', '1m')).length;
    step('pro.watchOrders');
    const ordersWatch = pro.watchOrders('BTC/USDT');
    const balanceWatch = pro.watchBalance();
    let orders;
    ordersWatch.then((o) => { orders = o; });
    for (let i = 0; i < 20 && orders === undefined; i++) {
        step('createOrder');
        const o = await rest.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 40000);
        await Promise.race([ordersWatch, new Promise((r) => setTimeout(r, 300))]);
        await rest.cancelOrder(o.id, 'BTC/USDT');
    }
    out.watchedOrders = orders === undefined ? 0 : orders.length;
    out.watchedOrderStatus = orders === undefined ? null : orders[0].status;
    step('pro.watchBalance');
    out.watchedBalanceUSDT = (await balanceWatch).total['USDT'];
    step('pro.createOrderWs');
    const wsOrder = await pro.createOrderWs('BTC/USDT', 'limit', 'buy', 0.001, 40000);
    out.wsOrderStatus = wsOrder.status;
    await pro.cancelOrderWs(wsOrder.id, 'BTC/USDT');
    await pro.close();
    console.log(JSON.stringify(out));
} catch (e) {
    console.log(JSON.stringify({ ...out, error: `${e.constructor.name}: ${e.message}` }));
    process.exit(1);
}
