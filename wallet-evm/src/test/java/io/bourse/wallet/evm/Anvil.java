package io.bourse.wallet.evm;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local EVM development node for tests: anvil from the npm registry (installed into clients/evm on first use),
 * started on a free port, with its funded accounts' keys read from its banner; plus raw JSON-RPC for the test's
 * own moves (sending from unlocked accounts, mining, snapshots for reorgs).
 */
public final class Anvil implements AutoCloseable {
    public static final Path CLIENT = Path.of("..", "clients", "evm").toAbsolutePath().normalize();
    private static final Pattern KEY = Pattern.compile("^\\(\\d+\\) (0x[0-9a-f]{64})$");
    private static final Pattern ADDRESS = Pattern.compile("^\\(\\d+\\) (0x[0-9a-fA-F]{40}) ");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final String url;
    public final List<String> keys = new ArrayList<>();
    public final List<String> addresses = new ArrayList<>();
    private final Process process;
    private int nextId = 1;

    public Anvil() throws IOException, InterruptedException {
        install();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        url = "http://127.0.0.1:" + port;
        process = new ProcessBuilder(CLIENT.resolve("node_modules/.bin/anvil").toString(), "--port",
                Integer.toString(port)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher k = KEY.matcher(line.trim());
            Matcher a = ADDRESS.matcher(line.trim());
            if (k.matches()) {
                keys.add(k.group(1));
            } else if (a.find()) {
                addresses.add(a.group(1).toLowerCase());
            }
            if (line.contains("Listening on")) {
                break;
            }
        }
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));
        if (keys.size() < 2) {
            throw new IOException("anvil did not start (no funded accounts in its banner)");
        }
    }

    /** One JSON-RPC call; returns the raw {@code result} text. */
    public String rpc(String method, String paramsJson) throws IOException, InterruptedException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + nextId++ + ",\"method\":\"" + method + "\",\"params\":"
                + paramsJson + "}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.body().contains("\"error\"")) {
            throw new IOException(method + " failed: " + r.body());
        }
        int i = r.body().indexOf("\"result\":");
        return r.body().substring(i + 9, r.body().length() - 1);
    }

    public void mine(int blocks) throws IOException, InterruptedException {
        rpc("anvil_mine", "[\"0x" + Integer.toHexString(blocks) + "\"]");
    }

    /**
     * Sends {@code data} (or value) from one of anvil's unlocked accounts and waits until it is mined (anvil mines
     * each transaction into a block of its own, but answers before that block exists); returns the hash.
     */
    public String send(String from, String to, String valueHex, String data) throws IOException, InterruptedException {
        String tx = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"" + (valueHex == null ? "" : ",\"value\":\""
                + valueHex + "\"") + (data == null ? "" : ",\"data\":\"" + data + "\"") + "}";
        String hash = rpc("eth_sendTransaction", "[" + tx + "]").replace("\"", "");
        for (int i = 0; i < 500 && rpc("eth_getTransactionReceipt", "[\"" + hash + "\"]").equals("null"); i++) {
            Thread.sleep(10);
        }
        return hash;
    }

    private static void install() throws IOException, InterruptedException {
        if (Files.exists(CLIENT.resolve("node_modules/.bin/anvil"))) {
            return;
        }
        // npm install, not ci: anvil's optional per-platform packages for other systems are absent from the lock
        // file, which npm ci refuses; the version is pinned exactly in package.json.
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund").directory(CLIENT.toFile())
                .redirectErrorStream(true).redirectOutput(new File(CLIENT.toFile(), "npm-install.log")).start();
        if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            throw new IOException("npm install in " + CLIENT + " failed (see npm-install.log there)");
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
