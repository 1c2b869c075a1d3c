package org.custodia.ledger.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local anvil chain node for tests: free gas, instant mining, loopback only.
 *
 * <p>The binary comes from the pinned npm package in {@code server-config/chain} (system property
 * {@code anvil.bin}, set by the build). The native binary is started directly, not its node wrapper, so that
 * {@link #stop()} really ends the node. {@link #restart()} brings the node back on the same port and, when a
 * state file is used, with the same chain state, which is what "node down and back" tests need.
 */
public final class AnvilNode implements AutoCloseable {

    private static final Pattern PRIVATE_KEY = Pattern.compile("^\\(\\d+\\)\\s+(0x[0-9a-fA-F]{64})\\s*$");
    private static final long START_TIMEOUT_SECONDS = 30;

    private final int port;
    private final Path stateFile;
    private final List<String> extraArgs;
    private final List<String> privateKeys = new ArrayList<>();
    private Process process;

    private AnvilNode(int port, Path stateFile, List<String> extraArgs) {
        this.port = port;
        this.stateFile = stateFile;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Starts a node with an in-memory chain on a free loopback port. */
    public static AnvilNode start() {
        return start(freePort(), null);
    }

    /** Starts a node with an in-memory chain on a free loopback port, with anvil options such as a block time. */
    public static AnvilNode startWith(String... extraArgs) {
        return start(freePort(), null, extraArgs);
    }

    /**
     * Starts a node on {@code port}; with a non-null {@code stateFile} the chain is loaded from and saved to it,
     * so it survives {@link #restart()}.
     */
    public static AnvilNode start(int port, Path stateFile, String... extraArgs) {
        AnvilNode node = new AnvilNode(port, stateFile, List.of(extraArgs));
        node.launch();
        return node;
    }

    /** JSON-RPC endpoint, e.g. {@code http://127.0.0.1:54321}. */
    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Chain id anvil uses unless told otherwise. */
    public long chainId() {
        return 31337L;
    }

    /**
     * Hex private key of one of anvil's funded development accounts (well-known test keys, never used outside a
     * local test chain).
     */
    public String devAccountKey(int index) {
        return privateKeys.get(index);
    }

    public int devAccountCount() {
        return privateKeys.size();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Moves the chain clock forward by {@code duration} and mines a block, so that the next transaction and every
     * view call see the later time (for expiry tests).
     */
    public void advanceTime(Duration duration) {
        rpc("evm_increaseTime", Long.toString(duration.toSeconds()));
        rpc("evm_mine", "");
    }

    /**
     * Calls a JSON-RPC method of the node, anvil's own ones included ({@code evm_setAutomine},
     * {@code anvil_dropTransaction}, ...), with {@code params} as the JSON inside the parameter array, and returns the
     * answer's body.
     *
     * @throws IllegalStateException when the node answers with an error
     */
    public String rpc(String method, String params) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + params + "]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
                throw new IllegalStateException("anvil refused " + method + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("anvil did not answer " + method, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method, e);
        }
    }

    /** Stops the node (it saves its state file first, if it has one). */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops and starts the node again on the same port (and state file). */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(binary().toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--base-fee", "0", "--gas-price", "0", "--disable-min-priority-fee"));
        if (stateFile != null) {
            command.addAll(List.of("--state", stateFile.toString()));
        }
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start anvil (" + command.get(0) + ")", e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> readUntilListening(started));
        try {
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            stop();
            throw new IllegalStateException("anvil did not start listening on port " + port, e);
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting anvil", e);
        }
    }

    private void readUntilListening(Process started) {
        BufferedReader out = new BufferedReader(
                new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
        List<String> keys = new ArrayList<>();
        try {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher key = PRIVATE_KEY.matcher(line);
                if (key.matches()) {
                    keys.add(key.group(1));
                }
                if (line.startsWith("Listening on")) {
                    synchronized (privateKeys) {
                        privateKeys.clear();
                        privateKeys.addAll(keys);
                    }
                    drainInBackground(out);
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("anvil exited before listening (exit code "
                + started.exitValue() + ")");
    }

    private static void drainInBackground(BufferedReader out) {
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // anvil logs every request; keep its pipe from filling up
                }
            } catch (IOException ignored) {
                // the node stopped
            }
        }, "anvil-output");
        drain.setDaemon(true);
        drain.start();
    }

    private static Path binary() {
        String configured = System.getProperty("anvil.bin");
        Path path = configured != null ? Path.of(configured) : locateFromWorkingDirectory();
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("anvil binary not found at " + path
                    + ": run 'npm ci --ignore-scripts' in server-config/chain (the build does this)");
        }
        return path;
    }

    private static Path locateFromWorkingDirectory() {
        Path relative = Path.of("server-config", "chain", "node_modules", "@foundry-rs", "anvil-linux-amd64",
                "bin", "anvil");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        return relative;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for anvil", e);
        }
    }
}
