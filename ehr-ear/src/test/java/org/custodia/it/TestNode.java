package org.custodia.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.custodia.ledger.deploy.ContractAddresses;

/** Where the integration-test node answers (ports and data directory come from the build). */
final class TestNode {

    /**
     * The tests' HTTP client. HTTP/1.1, as staff software and browsers on the intranet speak it: with the client's
     * default (HTTP/2 over an h2c upgrade) the server's GOAWAY on a redeployment failed the next test's first call.
     */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .sslContext(TestTrust.CONTEXT).connectTimeout(Duration.ofSeconds(5)).build();

    private TestNode() {
    }

    /** The node's HTTPS origin, where staff software and browsers reach it. */
    static String baseUrl() {
        return "https://127.0.0.1:" + property("it.https.port");
    }

    /** The node's plain HTTP origin, which only redirects to {@link #baseUrl()}. */
    static String plainUrl() {
        return "http://127.0.0.1:" + property("it.http.port");
    }

    static Path dataDirectory() {
        return Path.of(property("it.data.dir"));
    }

    /**
     * The stored envelope whose SHA-256 is {@code sha256}, as the file store lays it out ({@code custodia.filestore.dir}
     * defaults into the data directory); it must exist.
     */
    static Path envelopeFile(String sha256) {
        Path file = dataDirectory().resolve("filestore").resolve(sha256.substring(0, 2))
                .resolve(sha256.substring(2, 4)).resolve(sha256);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(file + " does not exist");
        }
        return file;
    }

    /** The node's secrets (node keystore, passwords), kept outside its data directory. */
    static Path secretsDirectory() {
        return Path.of(property("it.secrets.dir"));
    }

    /** The chain state file the test chain node starts from and saves to. */
    static Path chainState() {
        return Path.of(property("it.chain.dir"), "state.json");
    }

    /** The contract addresses the test domain is configured with (written by prepare-test-chain.sh). */
    static ContractAddresses contracts() {
        Path file = Path.of(property("it.chain.dir"), "contracts.properties");
        return ContractAddresses.readFrom(file)
                .orElseThrow(() -> new IllegalStateException("no contract addresses in " + file));
    }

    /** The version the application's schema reaches: that of its newest Flyway migration in the source tree. */
    static String latestSchemaVersion() {
        Path migrations = Path.of(property("custodia.root"), "ehr-ejb/src/main/resources/db/migration");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(migrations)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.+\\.sql"))
                    .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max(Integer::compare).map(String::valueOf)
                    .orElseThrow(() -> new IllegalStateException("no migrations in " + migrations));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + migrations, e);
        }
    }

    static int chainPort() {
        return Integer.parseInt(property("it.chain.port"));
    }

    /** GET on the node, e.g. {@code get("/health")}. */
    static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the test node did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set (run the tests with Maven)");
        }
        return value;
    }
}
