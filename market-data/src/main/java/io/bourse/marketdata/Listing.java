package io.bourse.marketdata;

import io.bourse.engine.market.AssetSpec;
import io.bourse.engine.market.SymbolSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What is listed: assets and symbols by engine id and by name. Immutable; a listing change makes a new one. */
public record Listing(List<AssetSpec> assets, List<SymbolSpec> symbols, Map<String, SymbolSpec> symbolsByName,
                      Map<String, AssetSpec> assetsByName) {

    public static final Listing EMPTY = of(List.of(), List.of());

    public static Listing of(List<AssetSpec> assets, List<SymbolSpec> symbols) {
        Map<String, SymbolSpec> byName = new HashMap<>();
        symbols.forEach(s -> byName.put(s.name(), s));
        Map<String, AssetSpec> assetsByName = new HashMap<>();
        assets.forEach(a -> assetsByName.put(a.name(), a));
        return new Listing(List.copyOf(assets), List.copyOf(symbols), Map.copyOf(byName), Map.copyOf(assetsByName));
    }

    public Optional<SymbolSpec> symbol(String name) {
        return Optional.ofNullable(symbolsByName.get(name));
    }

    public Optional<AssetSpec> asset(String name) {
        return Optional.ofNullable(assetsByName.get(name));
    }

    public AssetSpec asset(int id) {
        return assets.get(id);
    }

    Listing withAsset(AssetSpec asset) {
        List<AssetSpec> list = new ArrayList<>(assets);
        list.add(asset);
        return of(list, symbols);
    }

    Listing withSymbol(SymbolSpec symbol) {
        List<SymbolSpec> list = new ArrayList<>(symbols);
        if (symbol.id() < list.size()) {
            list.set(symbol.id(), symbol);
        } else {
            list.add(symbol);
        }
        return of(assets, list);
    }
}
