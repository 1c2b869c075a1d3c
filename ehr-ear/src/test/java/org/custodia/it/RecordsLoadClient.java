package org.custodia.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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
        new java.util.Random(4).nextBytes(document);
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
