package org.custodia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

/**
 * Password guessing against the node, bounded and on loopback: 200 concurrent bad sign-ins from one address
 * (127.0.0.2, so that the other tests' address 127.0.0.1 stays unlocked) cost a bounded number of password checks and
 * audit rows, while staff from another address are served. Prints the figures it measures (README, "Measured
 * figures"); it asserts behaviour, not times.
 */
abstract class SignInThrottlingScenarios {

    private static final int ATTACKERS = 200;
    private static final String ATTACK_ADDRESS = "127.0.0.2";

    private final StaffClient admin = StaffClient.admin();

    @Test
    void twoHundredConcurrentBadSignInsAreCutShortAndStaffElsewhereAreServed() throws Exception {
        StaffClient officer = admin.createAccount("privacy-officer");
        StaffClient nurse = admin.createAccount("nurse");
        List<Long> before = latencies(nurse, 10);
        Instant start = Instant.now();

        ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS);
        CountDownLatch ready = new CountDownLatch(ATTACKERS);
        List<Future<Integer>> statuses = new ArrayList<>();
        List<Long> during;
        try {
            for (int attacker = 0; attacker < ATTACKERS; attacker++) {
                String guess = attacker % 2 == 0 ? nurse.username() : "guess" + attacker;
                statuses.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return statusFrom(ATTACK_ADDRESS, guess, "wrong password " + guess);
                }));
            }
            during = latencies(officer, 10);
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES), "the attack ends");
        }
        int refusedUnchecked = 0;
        for (Future<Integer> status : statuses) {
            int code = status.get();
            assertTrue(code == 401 || code == 429, "only 401 or 429, got " + code);
            refusedUnchecked += code == 429 ? 1 : 0;
        }
        HttpResponse<String> audited = officer.get("/audit?action=staff.sign-in&from=" + start);
        assertEquals(200, audited.statusCode(), audited.body());
        // a page holds up to 100 entries: more rows than the bound below would still show as too many
        int auditRows = StaffClient.array(audited).size();

        System.out.printf("sign-in throttling: %d concurrent bad sign-ins from %s: %d refused unchecked (429), %d "
                        + "checked (401), %d audit rows; a search from 127.0.0.1: median %d ms before, "
                        + "%d ms during (max %d ms)%n", ATTACKERS, ATTACK_ADDRESS, refusedUnchecked,
                ATTACKERS - refusedUnchecked, auditRows, median(before), median(during), Collections.max(during));
        assertTrue(refusedUnchecked >= ATTACKERS - 60, refusedUnchecked + " of " + ATTACKERS + " refused unchecked");
        assertTrue(auditRows <= 60, auditRows + " audit rows for " + ATTACKERS + " attempts");
        assertEquals(404, statusFrom("127.0.0.1", nurse.username(), nurse.password()),
                "its owner, whose password was verified minutes ago, is not locked out (no such patient: 404)");
        assertEquals(200, officer.get("/audit?limit=1").statusCode(), "other accounts work from other addresses");
    }

    /**
     * A client sending its right password with many requests at once, its credentials not verified yet (its start, or
     * every five minutes as its verified entry expires): every request is served. Before, each was checked and
     * counted as a failure until its check ended, and the sixth on locked the account (429).
     */
    @Test
    void manyRequestsAtOnceWithTheRightPasswordAreAllServed() throws Exception {
        StaffClient nurse = admin.createAccount("nurse");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            CountDownLatch ready = new CountDownLatch(12);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int request = 0; request < 12; request++) {
                statuses.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return nurse.get("/patients?mrn=NO-SUCH-MRN").statusCode();
                }));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(404, status.get(60, TimeUnit.SECONDS), "served (the patient is unknown), not throttled");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Times {@code count} signed-in searches for a patient that does not exist (404), in milliseconds. */
    private static List<Long> latencies(StaffClient staff, int count) {
        List<Long> times = new ArrayList<>();
        for (int request = 0; request < count; request++) {
            long started = System.nanoTime();
            assertEquals(404, staff.get("/patients?mrn=NO-SUCH-MRN").statusCode());
            times.add((System.nanoTime() - started) / 1_000_000);
        }
        return times;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** A GET of a protected resource with HTTP Basic, sent from {@code localAddress}; answers the status code. */
    private static int statusFrom(String localAddress, String username, String password) {
        URI node = URI.create(TestNode.baseUrl());
        String credentials = Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        try (Socket plain = new Socket()) {
            plain.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            plain.connect(new InetSocketAddress(node.getHost(), node.getPort()), 10_000);
            plain.setSoTimeout((int) Duration.ofMinutes(1).toMillis());
            SSLSocket socket = (SSLSocket) TestTrust.CONTEXT.getSocketFactory().createSocket(plain, node.getHost(),
                    node.getPort(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(("GET /custodia/api/patients?mrn=NONE HTTP/1.1\r\nHost: " + node.getHost() + ":"
                    + node.getPort() + "\r\nAuthorization: Basic " + credentials + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
