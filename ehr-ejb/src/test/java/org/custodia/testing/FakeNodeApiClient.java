package org.custodia.testing;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLSession;

import org.custodia.nodeapi.NodeApiClient;

/**
 * Stands in for the signed HTTP client where no other node runs: every call is appended to the shared events list as
 * {@code "<method> <target>"} and answered with the status and body set, or fails to connect, or (at one host) runs
 * out of time. It tells whether the body it handed out was closed.
 */
public final class FakeNodeApiClient extends NodeApiClient {

    private final List<String> events;
    private int status = 200;
    private byte[] body = new byte[0];
    private Map<String, List<String>> headers = Map.of();
    private boolean unreachable;
    private String silentHost;
    private volatile boolean bodyClosed;
    private volatile boolean bodyHandedOut;
    private volatile Map<String, String> lastUnsignedFields = Map.of();
    private final Map<String, Answer> answersAt = new ConcurrentHashMap<>();
    private volatile boolean breaksOff;

    private record Answer(int status, byte[] body) {
    }

    public FakeNodeApiClient(List<String> events) {
        this.events = events;
    }

    public FakeNodeApiClient answering(int answerStatus, byte[] answerBody) {
        this.status = answerStatus;
        this.body = answerBody.clone();
        return this;
    }

    /** Answers every call with {@code answerBody} as UTF-8. */
    public FakeNodeApiClient answering(int answerStatus, String answerBody) {
        return answering(answerStatus, answerBody.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers every call with this header too. */
    public FakeNodeApiClient header(String name, String value) {
        this.headers = Map.of(name, List.of(value));
        return this;
    }

    /** Calls to {@code host} are answered with this status and body, whatever the others are answered. */
    public FakeNodeApiClient answeringAt(String host, int answerStatus, String answerBody) {
        answersAt.put(host, new Answer(answerStatus, answerBody.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** Answers' bodies break off after their bytes, as a connection reset would. */
    public FakeNodeApiClient breakingOff() {
        this.breaksOff = true;
        return this;
    }

    /** Calls to {@code host} run out of time (the node accepts them and stays silent). */
    public FakeNodeApiClient silentAt(String host) {
        this.silentHost = host;
        return this;
    }

    public FakeNodeApiClient unreachable() {
        this.unreachable = true;
        return this;
    }

    /** The fields outside the signature that the last call carried. */
    public Map<String, String> lastUnsignedFields() {
        return lastUnsignedFields;
    }

    /** Whether a response body was handed out and not closed. */
    public boolean bodyLeftOpen() {
        return bodyHandedOut && !bodyClosed;
    }

    @Override
    protected HttpResponse<InputStream> send(String method, String targetUri, byte[] content, String contentType,
            Duration timeout, Map<String, String> unsignedFields) throws IOException {
        events.add(method + " " + targetUri);
        lastUnsignedFields = Map.copyOf(unsignedFields);
        if (unreachable) {
            throw new ConnectException("Connection refused");
        }
        if (URI.create(targetUri).getHost().equals(silentHost)) {
            throw new HttpTimeoutException("request timed out");
        }
        Answer answer = answersAt.getOrDefault(URI.create(targetUri).getHost(), new Answer(status, body));
        bodyHandedOut = true;
        InputStream answered = new ByteArrayInputStream(answer.body());
        if (breaksOff) {
            answered = new SequenceInputStream(answered, new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("Connection reset");
                }
            });
        }
        InputStream tracked = new FilterInputStream(answered) {
            @Override
            public void close() throws IOException {
                bodyClosed = true;
                super.close();
            }
        };
        return new Response(answer.status(), tracked, URI.create(targetUri), headers);
    }

    private record Response(int statusCode, InputStream body, URI uri, Map<String, List<String>> headerValues)
            implements HttpResponse<InputStream> {

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri).build();
        }

        @Override
        public Optional<HttpResponse<InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(headerValues, (name, value) -> true);
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
