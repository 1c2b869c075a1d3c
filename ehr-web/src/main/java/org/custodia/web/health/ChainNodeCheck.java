package org.custodia.web.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.custodia.node.NodeSettings;
import org.eclipse.microprofile.health.Readiness;

/** The chain node this node trusts answers JSON-RPC. */
@Readiness
@ApplicationScoped
public class ChainNodeCheck extends DependencyCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String BLOCK_NUMBER =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}";

    @Inject
    private NodeSettings settings;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Override
    protected String name() {
        return "chain-node";
    }

    @Override
    protected String problem() {
        String url = settings.chainUrl();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BLOCK_NUMBER)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("\"result\"")) {
                return "chain node at " + url + " answered HTTP " + response.statusCode() + " without a block number";
            }
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return "chain node at " + url + " is unreachable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking the chain node at " + url;
        }
    }

    @Override
    protected Map<String, String> details() {
        return Map.of("url", settings.chainUrl());
    }
}
