package org.custodia.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/**
 * The development consortium of the run command ({@code server-config/bin/custodia.sh start --no-build}): one dev
 * chain and three Payara domains (Hospital A, Hospital B, Proxy), each with its own database, file store, keystore
 * and ledger account, started from the EAR this build made. It runs beside the other integration tests' node with
 * every port moved up by {@link #PORT_OFFSET} (16000), under {@code target/consortium}, and is stopped after the class.
 * Starting it this way also tests the run command itself.
 */
public final class ConsortiumNodes implements BeforeAllCallback, AfterAllCallback {

    /**
     * Added to every port of the run command's consortium (8081, 8181, 8281, the chain's 8545, ...). The ports stay
     * below the kernel's ephemeral range (32768 up): there, an outgoing connection of the build could hold one of a
     * domain's ports while it is created, and the consortium failed to start now and then.
     */
    static final int PORT_OFFSET = Integer.getInteger("it.consortium.port-offset", 16000);
    /**
     * With {@code -Dit.consortium.reuse=true} the class runs against a consortium already started by the run command
     * (with {@code -Dit.consortium.home} and {@code -Dit.consortium.port-offset} saying where), and leaves it running:
     * for working on the scenario without waiting for three domains each time.
     */
    private static final boolean REUSE = Boolean.getBoolean("it.consortium.reuse");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(12);

    /** One node of the consortium. */
    enum Node {
        HOSPITAL_A("hospital-a", "Hospital A", 8081),
        HOSPITAL_B("hospital-b", "Hospital B", 8181),
        PROXY("proxy", "Proxy", 8281);

        private final String id;
        private final String displayName;
        private final int httpsPort;

        Node(String id, String displayName, int httpsPort) {
            this.id = id;
            this.displayName = displayName;
            this.httpsPort = httpsPort;
        }

        String baseUrl() {
            return "https://127.0.0.1:" + (httpsPort + PORT_OFFSET);
        }

        String displayName() {
            return displayName;
        }

        Path home() {
            return ConsortiumNodes.home().resolve(id);
        }

        Path dataDirectory() {
            return home().resolve("data");
        }

        /** Keys and passwords, beside the data directory (the run command's layout). */
        Path secretsDirectory() {
            return home().resolve("secrets");
        }

        Path domainDirectory() {
            return home().resolve("domains").resolve(id);
        }

        StaffClient admin() {
            return StaffClient.admin(baseUrl(), secretsDirectory());
        }

        /** The node's own ledger account, opened from the wallet the run command made in its secrets directory. */
        Credentials ledgerAccount() {
            Path secrets = secretsDirectory();
            try {
                return WalletUtils.loadCredentials(Files.readString(secrets.resolve("node-wallet-password")).trim(),
                        secrets.resolve("node-wallet.json").toFile());
            } catch (IOException | CipherException e) {
                throw new IllegalStateException("cannot open the ledger wallet of " + displayName, e);
            }
        }
    }

    static Path home() {
        String home = System.getProperty("it.consortium.home");
        return home != null ? Path.of(home)
                : Path.of(System.getProperty("custodia.root"), "ehr-ear", "target", "consortium");
    }

    static int chainPort() {
        return 8545 + PORT_OFFSET;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!REUSE) {
            run("start", START_TIMEOUT);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (!REUSE) {
            run("stop", Duration.ofMinutes(3));
        }
    }

    /** Stops one node's domain (its data stays). */
    static void stop(Node node) throws IOException, InterruptedException {
        await(asadmin(node, "stop-domain"), Duration.ofMinutes(2));
    }

    /**
     * Starts stopped nodes side by side (the domains' starts overlap, as the run command's do) and waits until every
     * one is ready.
     */
    static void start(Node... nodes) throws IOException, InterruptedException {
        List<Launched> starting = new ArrayList<>();
        for (Node node : nodes) {
            starting.add(asadmin(node, "start-domain"));
        }
        for (Launched launched : starting) {
            await(launched, Duration.ofMinutes(3));
        }
        for (Node node : nodes) {
            awaitReady(node, Duration.ofMinutes(3));
        }
    }

    /**
     * Polls until the application answers and the node reports ready (Payara serves its health endpoint before the
     * application is deployed, so both are asked, as the run command does).
     */
    static void awaitReady(Node node, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest application = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/custodia/api/node"))
                .timeout(Duration.ofSeconds(10)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).build();
        while (System.nanoTime() < deadline) {
            try {
                if (TestNode.HTTP.send(application, HttpResponse.BodyHandlers.discarding()).statusCode() == 200
                        && TestNode.HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(node.displayName() + " was not ready within " + timeout);
    }

    private static void run(String command, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(home());
        Path script = Path.of(System.getProperty("custodia.root"), "server-config", "bin", "custodia.sh");
        await(launch(home().resolve(command + ".log"), script.toString(), command, "--no-build"), timeout);
    }

    private static Launched asadmin(Node node, String command) throws IOException {
        Path asadmin = Path.of(System.getProperty("payara.home"), "bin", "asadmin");
        return launch(node.home().resolve(command + ".log"), asadmin.toString(), command, "--domaindir",
                node.home().resolve("domains").toString(), node.id);
    }

    /** A command started with its output appended to a log. */
    private record Launched(Process process, Path log, List<String> command) {
    }

    private static Launched launch(Path log, String... command) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("CUSTODIA_HOME", home().toString());
        builder.environment().put("CUSTODIA_PORT_OFFSET", Integer.toString(PORT_OFFSET));
        // The scenario moves small records: the nodes run on the client compiler alone, which starts them (and
        // restarts them mid-scenario) with about a third less CPU on a 2-core machine.
        builder.environment().put("CUSTODIA_JVM_OPTIONS", "-XX:TieredStopAtLevel=1");
        return new Launched(builder.start(), log, List.of(command));
    }

    private static void await(Launched launched, Duration timeout) throws IOException, InterruptedException {
        String command = String.join(" ", launched.command());
        if (!launched.process().waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            launched.process().destroyForcibly();
            throw new IllegalStateException(command + " did not finish within " + timeout + "; see " + launched.log());
        }
        if (launched.process().exitValue() != 0) {
            throw new IllegalStateException(command + " failed (exit " + launched.process().exitValue() + "); see "
                    + launched.log() + ":\n" + tail(launched.log()));
        }
    }

    private static String tail(Path log) throws IOException {
        var lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
