package org.custodia.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.custodia.it.soap.DownloadRecord;
import org.custodia.it.soap.Records;
import org.custodia.it.soap.UploadRecord;

/**
 * The records benchmark: a load client against a running node (the run command's, by default), through the REST
 * API as staff use it. Measures upload and download throughput for 1 MiB and 100 MiB records, over REST and then
 * over SOAP (MTOM) with the ratio of their times in the same run, and 4 KiB uploads
 * per second by concurrent clients, with and without waiting for their anchors on chain; then the server's peak
 * resident memory. Run with {@code ./mvnw -B -pl ehr-ear -Precords-benchmark verify} (README).
 *
 * <p>Bounded: a fixed number of requests, all to the node's own loopback address; it stops by itself.
 */
public final class RecordsLoadClient {

    private static final long MIB = 1024 * 1024;

    private final StaffClient physician;
    private final String patient;

    private RecordsLoadClient() {
        StaffClient admin = StaffClient.admin();
        physician = admin.createAccount("physician");
        patient = RecordsApi.registerPatient(admin);
    }

    public static void main(String[] args) throws Exception {
        RecordsLoadClient client = new RecordsLoadClient();
        System.out.println("records benchmark against " + TestNode.baseUrl());
        client.perRequestCost(Integer.getInteger("load.requests", 500));
        primitives();
        for (int[] run : new int[][] {{1, 20}, {100, 3}}) {
            Transfer rest = client.throughput(run[0], run[1]);
            Transfer soap = client.soapThroughput(run[0], run[1]);
            System.out.printf(Locale.ROOT, "SOAP/REST time, %d MiB: upload %.2f, download %.2f%n", run[0],
                    (double) soap.upload() / rest.upload(), (double) soap.download() / rest.download());
        }
        client.smallUploads(Integer.getInteger("load.clients", 8), Integer.getInteger("load.small-records", 400));
        serverPeakMemory().ifPresentOrElse(peak -> System.out.println("server peak RSS (VmHWM): " + peak),
                () -> System.out.println("server peak RSS: no local Payara process found"));
    }

    /**
     * The cost of one signed-in request against a static file served by the same Payara, over the same keep-alive
     * connections: {@code GET /records/{id}} (a record's details, audited) and the staff pages' style sheet, in
     * alternating rounds of {@code requests} each after a warm-up; prints the medians and their ratio.
     */
    private void perRequestCost(int requests) {
        HttpResponse<String> stored = physician.upload(RecordsApi.recordsOf(patient, "laboratory", "Per request"),
                "text/plain", new byte[4096]);
        expect(201, stored);
        String details = "/records/" + StaffClient.object(stored).getString("id");
        HttpRequest staticFile = HttpRequest.newBuilder(
                URI.create(TestNode.baseUrl() + "/custodia/resources/css/custodia.css")).GET().build();
        List<Long> signedIn = new ArrayList<>();
        List<Long> plain = new ArrayList<>();
        int staticSize = 0;
        int detailsSize = 0;
        for (int round = 0; round < 6; round++) {
            boolean warmUp = round == 0;
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = physician.get(details);
                long took = System.nanoTime() - start;
                expect(200, answer);
                detailsSize = answer.body().length();
                if (!warmUp) {
                    signedIn.add(took);
                }
            }
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = send(staticFile);
                long took = System.nanoTime() - start;
                expect(200, answer);
                staticSize = answer.body().length();
                if (!warmUp) {
                    plain.add(took);
                }
            }
        }
        double signedInMedian = median(signedIn) / 1e6;
        double staticMedian = median(plain) / 1e6;
        System.out.printf(Locale.ROOT, "per request, %d each after a warm-up round: GET /records/{id} (%d bytes)"
                + " median %.2f ms, static file (%d bytes) median %.2f ms, ratio %.2f%n", signedIn.size(),
                detailsSize, signedInMedian, staticSize, staticMedian, signedInMedian / staticMedian);
    }

    private static long median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return TestNode.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the node did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The references for throughput, measured here in the same run: SHA-256 and AES-256-GCM (64 KiB segments, as
     * envelopes use) over 100 MiB in this JVM, and writing 100 MiB to a file in the node's data directory followed by
     * fsync. Prints each and the slowest.
     */
    private static void primitives() throws Exception {
        byte[] data = new byte[(int) (100 * MIB)];
        new Random(1).nextBytes(data);
        int segment = 1 << 16;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
        byte[] sealed = new byte[segment + 16];
        double shaRate = 0;
        double aesRate = 0;
        double diskRate = 0;
        Path file = Files.createTempFile(TestNode.dataDirectory(), "benchmark-", ".tmp");
        try {
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                sha.update(data);
                sha.digest();
                shaRate = Math.max(shaRate, data.length / 1e6 / seconds(System.nanoTime() - start));
                start = System.nanoTime();
                for (int offset = 0, n = 0; offset < data.length; offset += segment, n++) {
                    byte[] nonce = ByteBuffer.allocate(12).putInt(round).putLong(n).array();
                    aes.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                    aes.doFinal(data, offset, segment, sealed, 0);
                }
                aesRate = Math.max(aesRate, data.length / 1e6 / seconds(System.nanoTime() - start));
                start = System.nanoTime();
                try (FileChannel channel = FileChannel.open(file,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buffer = ByteBuffer.wrap(data);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                diskRate = Math.max(diskRate, data.length / 1e6 / seconds(System.nanoTime() - start));
            }
        } finally {
            Files.deleteIfExists(file);
        }
        System.out.printf(Locale.ROOT, "references, best of 3 over 100 MiB: SHA-256 %.0f MB/s, AES-256-GCM %.0f MB/s,"
                + " write+fsync %.0f MB/s; slowest %.0f MB/s%n", shaRate, aesRate, diskRate,
                Math.min(shaRate, Math.min(aesRate, diskRate)));
    }

    /** Nanoseconds to upload, and to download, the same records. */
    private record Transfer(long upload, long download) {
    }

    /** Uploads {@code count} records of {@code mib} MiB one after the other, then downloads each. */
    private Transfer throughput(int mib, int count) throws IOException {
        long size = mib * MIB;
        List<String> ids = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            GeneratedContent content = new GeneratedContent(size, i);
            HttpResponse<String> response = physician.upload(RecordsApi.recordsOf(patient, "imaging",
                    "Benchmark " + mib + " MiB " + i), "application/octet-stream", content::stream);
            expect(201, response);
            ids.add(StaffClient.object(response).getString("id"));
        }
        long upload = System.nanoTime() - start;
        report("upload", mib, count, upload);
        for (String id : ids) {
            RecordsApi.awaitAnchored(physician, id);
        }
        start = System.nanoTime();
        for (String id : ids) {
            HttpResponse<InputStream> download = physician.download("/records/" + id + "/content");
            if (download.statusCode() != 200) {
                throw new IllegalStateException("download of " + id + " answered " + download.statusCode());
            }
            try (InputStream body = download.body()) {
                body.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        long download = System.nanoTime() - start;
        report("download", mib, count, download);
        return new Transfer(upload, download);
    }

    /** The same over SOAP: MTOM attachments, streamed both ways, with the account's UsernameToken. */
    private Transfer soapThroughput(int mib, int count) throws Exception {
        Records soap = SoapClient.as(physician);
        List<String> ids = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            UploadRecord upload = new UploadRecord();
            upload.setPatientId(patient);
            upload.setCategory("imaging");
            upload.setTitle("SOAP benchmark " + mib + " MiB " + i);
            upload.setContentType("application/octet-stream");
            upload.setContent(SoapClient.document("application/octet-stream", new GeneratedContent(mib * MIB, i)));
            ids.add(soap.uploadRecord(upload).getRecord().getId());
        }
        long upload = System.nanoTime() - start;
        report("SOAP upload", mib, count, upload);
        for (String id : ids) {
            RecordsApi.awaitAnchored(physician, id);
        }
        start = System.nanoTime();
        for (String id : ids) {
            DownloadRecord download = new DownloadRecord();
            download.setRecordId(id);
            try (InputStream content = SoapClient.content(soap.downloadRecord(download).getContent())) {
                content.transferTo(java.io.OutputStream.nullOutputStream());
            }
            SoapClient.deleteKeptAttachments();
        }
        long download = System.nanoTime() - start;
        report("SOAP download", mib, count, download);
        return new Transfer(upload, download);
    }

    /** {@code count} 4 KiB uploads by {@code clients} concurrent staff clients; then until all are anchored. */
    private void smallUploads(int clients, int count) throws Exception {
        byte[] document = new byte[4096];
        new Random(4).nextBytes(document);
        AtomicInteger next = new AtomicInteger();
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    HttpResponse<String> response = physician.upload(RecordsApi.recordsOf(patient, "laboratory",
                            "Small " + i), "application/octet-stream", document);
                    expect(201, response);
                    ids.add(StaffClient.object(response).getString("id"));
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        long uploaded = System.nanoTime() - start;
        for (String id : ids) {
            RecordsApi.awaitAnchored(physician, id);
        }
        long anchored = System.nanoTime() - start;
        System.out.printf(Locale.ROOT, "4 KiB uploads, %d clients, %d records: %.1f uploads/s accepted,"
                + " %.1f records/s anchored on chain (all %d anchored after %.1f s)%n", clients, count,
                count / seconds(uploaded), count / seconds(anchored), count, seconds(anchored));
    }

    private static void report(String what, int mib, int count, long nanos) {
        System.out.printf(Locale.ROOT, "%s %d MiB x %d: %.1f MB/s (%.0f ms per record)%n", what, mib, count,
                count * mib * MIB / 1e6 / seconds(nanos), nanos / 1e6 / count);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** Peak resident memory of the local Payara domain serving the node, from /proc (Linux). */
    private static Optional<String> serverPeakMemory() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains("com.sun.enterprise.glassfish.bootstrap"))
                .map(process -> Path.of("/proc", Long.toString(process.pid()), "status"))
                .flatMap(status -> {
                    try {
                        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM:"));
                    } catch (IOException e) {
                        return java.util.stream.Stream.empty();
                    }
                })
                .map(line -> line.substring("VmHWM:".length()).trim())
                .findFirst();
    }
}
