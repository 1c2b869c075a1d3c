package org.custodia.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

/** Another node's answer for tests where no other node runs: a status and a body, as a stream. */
public record CannedResponse(int statusCode, InputStream body, String target) implements HttpResponse<InputStream> {

    /** The answer to a call to {@code target}, read as the caller's {@code BodyHandlers.ofInputStream()} would. */
    @SuppressWarnings("unchecked")
    public static <T> HttpResponse<T> of(int status, String body, String target) {
        return (HttpResponse<T>) new CannedResponse(status,
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), target);
    }

    @Override
    public HttpRequest request() {
        return HttpRequest.newBuilder(URI.create(target)).build();
    }

    @Override
    public Optional<HttpResponse<InputStream>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        return HttpHeaders.of(Map.of(), (name, value) -> true);
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return URI.create(target);
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
