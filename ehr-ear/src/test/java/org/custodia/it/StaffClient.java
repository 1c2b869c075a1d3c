package org.custodia.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * A staff member calling the node's REST API with HTTP Basic. The administrator signs in with the test domain's
 * initial administrator password (system property {@code it.admin.password}, the value of the domain's
 * {@code custodia-admin-password} alias) and creates the other accounts, with fresh usernames per run.
 */
final class StaffClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String API = "/custodia/api";

    private final String username;
    private final String password;

    private StaffClient(String username, String password) {
        this.username = username;
        this.password = password;
    }

    static StaffClient admin() {
        String password = System.getProperty("it.admin.password");
        if (password == null) {
            throw new IllegalStateException("system property it.admin.password is not set (run the tests with Maven)");
        }
        return new StaffClient("admin", password);
    }

    static StaffClient anonymous() {
        return new StaffClient(null, null);
    }

    /** Creates an account with {@code role} (as this client, an administrator) and returns a client signed in as it. */
    StaffClient createAccount(String role) {
        String name = role.replace("-", "") + "." + UUID.randomUUID().toString().substring(0, 8);
        String secret = "it-password-" + UUID.randomUUID();
        HttpResponse<String> created = postJson("/staff", Json.createObjectBuilder()
                .add("username", name)
                .add("displayName", "IT " + role)
                .add("password", secret)
                .add("roles", Json.createArrayBuilder().add(role))
                .build().toString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("cannot create a " + role + " account: " + created.statusCode() + " "
                    + created.body());
        }
        return new StaffClient(name, secret);
    }

    String username() {
        return username;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<InputStream> download(String path) {
        return send(request(path).GET(), HttpResponse.BodyHandlers.ofInputStream());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), HttpResponse.BodyHandlers.ofString());
    }

    /** Streams the body (chunked, no Content-Length), as a scanner or document system would. */
    HttpResponse<String> upload(String path, String contentType, Supplier<InputStream> body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(body)), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> upload(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject object(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    static JsonArray array(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestNode.baseUrl() + API + path))
                .timeout(TIMEOUT);
        if (username != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request.build(), body);
        } catch (IOException e) {
            throw new IllegalStateException("the test node did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
