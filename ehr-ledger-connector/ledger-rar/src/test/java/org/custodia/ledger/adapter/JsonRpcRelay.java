package org.custodia.ledger.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A chain node's faults that anvil cannot be made to show, for tests: relays JSON-RPC to a node, except the
 * requests {@code refused} selects, which it answers with a JSON-RPC error of its own. A batch that holds any such
 * request is refused whole.
 */
public final class JsonRpcRelay implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI target;
    private final Predicate<JsonNode> refused;
    private final int errorCode;
    private final String errorMessage;

    /**
     * @param target       the node's URL
     * @param refused      selects the single requests (objects with {@code method} and {@code params}) to refuse
     * @param errorCode    the JSON-RPC error code they are answered with
     * @param errorMessage and its message
     */
    public JsonRpcRelay(String target, Predicate<JsonNode> refused, int errorCode, String errorMessage)
            throws IOException {
        this.target = URI.create(target);
        this.refused = refused;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::relay);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void relay(HttpExchange exchange) throws IOException {
        byte[] request;
        try (InputStream in = exchange.getRequestBody()) {
            request = in.readAllBytes();
        }
        JsonNode body = JSON.readTree(request);
        byte[] answer;
        if (refuses(body)) {
            answer = JSON.writeValueAsBytes(body.isArray() ? refusedAll((ArrayNode) body) : refusal(body));
        } else {
            try {
                answer = client.send(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private boolean refuses(JsonNode body) {
        if (body.isArray()) {
            for (JsonNode request : body) {
                if (refused.test(request)) {
                    return true;
                }
            }
            return false;
        }
        return refused.test(body);
    }

    private ArrayNode refusedAll(ArrayNode batch) {
        ArrayNode answers = JSON.createArrayNode();
        batch.forEach(request -> answers.add(refusal(request)));
        return answers;
    }

    private ObjectNode refusal(JsonNode request) {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", request.get("id"));
        answer.putObject("error").put("code", errorCode).put("message", errorMessage);
        return answer;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
