package org.custodia.ledger.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A chain node's faults that anvil cannot be made to show, for tests: relays JSON-RPC to a node, except the
 * requests {@code selected} selects, which it answers itself (an error, or a result of its own). A batch that holds
 * any such request is answered whole by the relay, each of its requests as a selected one.
 */
public final class JsonRpcRelay implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI target;
    private final Predicate<JsonNode> selected;
    private final Consumer<ObjectNode> answerFields;

    /**
     * Refuses the selected requests.
     *
     * @param target       the node's URL
     * @param refused      selects the single requests (objects with {@code method} and {@code params}) to refuse
     * @param errorCode    the JSON-RPC error code they are answered with
     * @param errorMessage and its message
     */
    public JsonRpcRelay(String target, Predicate<JsonNode> refused, int errorCode, String errorMessage)
            throws IOException {
        this(target, refused, answer -> answer.putObject("error").put("code", errorCode).put("message", errorMessage));
    }

    /** Answers the selected requests with {@code result} as their result. */
    public static JsonRpcRelay answering(String target, Predicate<JsonNode> selected, String result)
            throws IOException {
        return new JsonRpcRelay(target, selected, answer -> answer.put("result", result));
    }

    private JsonRpcRelay(String target, Predicate<JsonNode> selected, Consumer<ObjectNode> answerFields)
            throws IOException {
        this.target = URI.create(target);
        this.selected = selected;
        this.answerFields = answerFields;
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
        if (selects(body)) {
            answer = JSON.writeValueAsBytes(body.isArray() ? answerAll((ArrayNode) body) : ownAnswer(body));
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

    private boolean selects(JsonNode body) {
        if (body.isArray()) {
            for (JsonNode request : body) {
                if (selected.test(request)) {
                    return true;
                }
            }
            return false;
        }
        return selected.test(body);
    }

    private ArrayNode answerAll(ArrayNode batch) {
        ArrayNode answers = JSON.createArrayNode();
        batch.forEach(request -> answers.add(ownAnswer(request)));
        return answers;
    }

    private ObjectNode ownAnswer(JsonNode request) {
        ObjectNode own = JSON.createObjectNode().put("jsonrpc", "2.0");
        own.set("id", request.get("id"));
        answerFields.accept(own);
        return own;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
