package io.bourse.wallet.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The assets the wallet moves and the networks each moves on; the first network listed for an asset is its default. */
public final class Networks {
    private final List<NetworkAsset> all;
    private final Map<String, List<NetworkAsset>> byAsset = new LinkedHashMap<>();

    public Networks(List<NetworkAsset> all) {
        this.all = List.copyOf(all);
        for (NetworkAsset n : all) {
            byAsset.computeIfAbsent(n.asset(), a -> new ArrayList<>()).add(n);
        }
    }

    public List<NetworkAsset> all() {
        return all;
    }

    /** Assets in listing order, each with its networks. */
    public Map<String, List<NetworkAsset>> byAsset() {
        return byAsset;
    }

    /** The asset on {@code network}, or on its default network when {@code network} is null. */
    public Optional<NetworkAsset> find(String asset, String network) {
        List<NetworkAsset> list = byAsset.getOrDefault(asset, List.of());
        if (network == null || network.isEmpty()) {
            return list.stream().filter(NetworkAsset::isDefault).findFirst().or(() -> list.stream().findFirst());
        }
        return list.stream().filter(n -> n.network().equals(network)).findFirst();
    }

    public List<String> networkNames() {
        return all.stream().map(NetworkAsset::network).distinct().toList();
    }
}
