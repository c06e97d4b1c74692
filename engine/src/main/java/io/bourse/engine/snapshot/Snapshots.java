package io.bourse.engine.snapshot;

import io.bourse.engine.Engine;
import io.bourse.engine.StpMode;
import io.bourse.engine.SymbolStatus;
import io.bourse.engine.market.SymbolSpec;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The engine's snapshot format and state hash (SHA-256 of the canonical snapshot). */
public final class Snapshots {
    /**
     * 2 added the credited deposit references, 3 the list client id of each order; older snapshots still restore
     * (with none).
     */
    public static final int FORMAT_VERSION = 3;

    private Snapshots() {
    }

    /** The complete state as bytes. */
    public static byte[] toBytes(Engine engine) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            engine.writeSnapshot(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Hex SHA-256 of the snapshot. */
    public static String hash(Engine engine) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(toBytes(engine)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static void writeSymbol(DataOutput out, SymbolSpec s) throws IOException {
        out.writeUTF(s.name());
        out.writeInt(s.baseAssetId());
        out.writeInt(s.quoteAssetId());
        out.writeByte(s.status().ordinal());
        out.writeLong(s.price().minPrice());
        out.writeLong(s.price().maxPrice());
        out.writeLong(s.price().tickSize());
        writeLot(out, s.lotSize());
        writeLot(out, s.marketLotSize());
        SymbolSpec.NotionalFilter n = s.notional();
        out.writeLong(n.minNotional());
        out.writeBoolean(n.applyMinToMarket());
        out.writeLong(n.maxNotional());
        out.writeBoolean(n.applyMaxToMarket());
        out.writeInt(n.avgPriceMins());
        SymbolSpec.PercentPriceBySide pp = s.percentPrice();
        out.writeBoolean(pp != null);
        if (pp != null) {
            out.writeLong(pp.bidMultiplierUp());
            out.writeLong(pp.bidMultiplierDown());
            out.writeLong(pp.askMultiplierUp());
            out.writeLong(pp.askMultiplierDown());
            out.writeInt(pp.avgPriceMins());
        }
        out.writeInt(s.maxNumOrders());
        out.writeInt(s.maxNumAlgoOrders());
        out.writeInt(s.icebergParts());
        out.writeByte(s.defaultStp().ordinal());
    }

    public static SymbolSpec readSymbol(DataInput in, int id) throws IOException {
        String name = in.readUTF();
        int base = in.readInt();
        int quote = in.readInt();
        SymbolStatus status = SymbolStatus.values()[in.readByte()];
        SymbolSpec.PriceFilter price = new SymbolSpec.PriceFilter(in.readLong(), in.readLong(), in.readLong());
        SymbolSpec.LotSize lot = readLot(in);
        SymbolSpec.LotSize marketLot = readLot(in);
        SymbolSpec.NotionalFilter notional = new SymbolSpec.NotionalFilter(in.readLong(), in.readBoolean(),
                in.readLong(), in.readBoolean(), in.readInt());
        SymbolSpec.PercentPriceBySide pp = in.readBoolean()
                ? new SymbolSpec.PercentPriceBySide(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readInt())
                : null;
        return new SymbolSpec(id, name, base, quote, status, price, lot, marketLot, notional, pp, in.readInt(),
                in.readInt(), in.readInt(), StpMode.values()[in.readByte()]);
    }

    private static void writeLot(DataOutput out, SymbolSpec.LotSize lot) throws IOException {
        out.writeLong(lot.minQty());
        out.writeLong(lot.maxQty());
        out.writeLong(lot.stepSize());
    }

    private static SymbolSpec.LotSize readLot(DataInput in) throws IOException {
        return new SymbolSpec.LotSize(in.readLong(), in.readLong(), in.readLong());
    }
}
