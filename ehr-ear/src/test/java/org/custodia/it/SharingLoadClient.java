package org.custodia.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.JsonObject;

import org.custodia.it.ConsortiumNodes.Node;
import org.web3j.protocol.core.methods.response.Transaction;

/**
 * The sharing benchmark against a running development consortium ({@code custodia.sh start}): retrievals of 4 KiB
 * records through the proxy with 1, 4 and 16 concurrent requesters (throughput, p50, p99); a 1 MiB and a 100 MiB
 * record retrieved at Hospital B next to a plain download of the same record at Hospital A in the same run; and the
 * proxy's heap while it re-encrypts a 1 GiB record. With the 4 KiB retrievals it prints the transactions and blocks
 * the chain gained meanwhile, and the CPU time each process on this machine (the three nodes, the dev chain, the
 * client) used per retrieval. A load client, not a test: it reports, it asserts nothing.
 *
 * <p>{@code ./mvnw -B -pl ehr-ear -Psharing-benchmark verify [-Dload.home=~/.custodia -Dload.port-offset=0]
 * [-Dload.parts=small]}: {@code small} runs the 4 KiB retrievals only.
 */
public final class SharingLoadClient {

    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private final StaffClient physicianA;
    private final StaffClient physicianB;
    private final String patientA;
    private final String hospitalB;
    private final ConsortiumCpu cpu = new ConsortiumCpu();
    private final ChainScan chain = new ChainScan("http://127.0.0.1:" + ConsortiumNodes.chainPort());

    private SharingLoadClient() {
        physicianA = Node.HOSPITAL_A.admin().createAccount("physician");
        physicianB = Node.HOSPITAL_B.admin().createAccount("physician");
        String nationalId = "LOAD-" + UUID.randomUUID().toString().substring(0, 12);
        patientA = RecordsApi.registerPatient(Node.HOSPITAL_A.admin().createAccount("clerk"),
                "MRN-" + UUID.randomUUID().toString().substring(0, 8), "Load", "Test", nationalId);
        RecordsApi.registerPatient(Node.HOSPITAL_B.admin().createAccount("clerk"),
                "MRN-" + UUID.randomUUID().toString().substring(0, 8), "Load", "Test", nationalId);
        hospitalB = StaffClient.array(physicianA.get("/consortium/members")).getValuesAs(JsonObject.class)
                .stream().filter(member -> member.getString("displayName").equals("Hospital B"))
                .map(member -> member.getString("address")).findFirst().orElseThrow();
    }

    public static void main(String[] args) throws Exception {
        SharingLoadClient client = new SharingLoadClient();
        try {
            client.run();
        } finally {
            client.chain.close();
        }
    }

    private void run() throws Exception {
        System.out.println("sharing benchmark against the consortium in " + ConsortiumNodes.home());
        awaitReKey();
        // the three JVMs compile the retrieval path first: without this the first figures measure the compiler
        smallRetrievals("warm-up (not a figure)", 4, 96);
        for (int requesters : new int[] {1, 4, 16}) {
            smallRetrievals(String.format(Locale.ROOT, "%2d requesters", requesters), requesters,
                    Math.max(40, 8 * requesters));
        }
        if ("small".equals(System.getProperty("load.parts"))) {
            return;
        }
        endToEnd(1, 5);
        endToEnd(100, 2);
        proxyHeapDuring(1024);
    }

    /**
     * Grants B all of the patient's records (the registry wants A to hold one first) and waits until the grant's
     * re-key has reached the proxy, before anything is measured.
     */
    private void awaitReKey() throws InterruptedException {
        String first = upload(4 * KIB, "warm-up");
        RecordsApi.awaitAnchored(physicianA, first);
        expect(201, physicianA.postJson("/grants", "{\"patientId\":\"" + patientA + "\",\"grantee\":\""
                + hospitalB + "\",\"scope\":{\"kind\":\"all\"},\"purpose\":\"treatment\",\"expiresAt\":\""
                + Instant.now().plus(Duration.ofHours(3)) + "\"}"));
        Eventually.within(Duration.ofMinutes(2), Duration.ofMillis(500), "the re-key at the proxy: a retrieval "
                + "answered 201").until(() -> physicianB.post(retrieval(first)), answer -> answer.statusCode() == 201);
    }

    /** {@code count} 4 KiB records, each retrieved once at B by {@code requesters} concurrent requesters. */
    private void smallRetrievals(String label, int requesters, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(upload(4 * KIB, "small " + requesters + "/" + i));
        }
        ids.forEach(id -> RecordsApi.awaitAnchored(physicianA, id));
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(requesters);
        AtomicLong next = new AtomicLong();
        long lastBlockBefore = chain.latestBlock();
        ConsortiumCpu.Snapshot cpuBefore = cpu.snapshot();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int r = 0; r < requesters; r++) {
            workers.add(pool.submit(() -> {
                for (long i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
                    long began = System.nanoTime();
                    expect(201, retrievedWhenASlotIsFree(ids.get((int) i), refused));
                    latencies.add(System.nanoTime() - began);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        long elapsed = System.nanoTime() - start;
        ConsortiumCpu.Snapshot cpuAfter = cpu.snapshot();
        List<Transaction> transactions = chain.transactionsSince(lastBlockBefore + 1);
        long blocks = transactions.stream().mapToLong(tx -> tx.getBlockNumber().longValueExact()).distinct().count();
        pool.shutdown();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "retrieval 4 KiB, %s: %d records in %.2f s = %.1f retrievals/s, "
                        + "p50 %.1f ms, p99 %.1f ms; %d refused as busy and retried; %d transactions in %d blocks on "
                        + "chain; CPU per retrieval: %s%n",
                label, count, elapsed / 1e9, count / (elapsed / 1e9), percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6, refused.get(), transactions.size(), blocks,
                cpuAfter.perOperation(cpuBefore, count));
    }

    /**
     * A retrieval at B, tried again after its {@code Retry-After} while B runs as many as it allows (503; the
     * latency counts the waits, as a requester would see them).
     */
    private HttpResponse<String> retrievedWhenASlotIsFree(String recordId, AtomicLong refused)
            throws InterruptedException {
        while (true) {
            HttpResponse<String> answer = physicianB.post(retrieval(recordId));
            Optional<String> retryAfter = answer.headers().firstValue("Retry-After");
            if (answer.statusCode() != 503 || retryAfter.isEmpty()) {
                return answer;
            }
            refused.incrementAndGet();
            Thread.sleep(Long.parseLong(retryAfter.get()) * 1000);
        }
    }

    /** Records of {@code mib} MiB: a plain download at A, the retrieval at B, B's download, one after the other. */
    private void endToEnd(int mib, int count) throws IOException {
        long download = 0;
        long retrieval = 0;
        long receivedDownload = 0;
        for (int i = 0; i < count; i++) {
            String id = upload(mib * MIB, "end-to-end " + mib + " MiB " + i);
            RecordsApi.awaitAnchored(physicianA, id);
            download += timed(() -> drain(physicianA.download("/records/" + id + "/content")));
            retrieval += timed(() -> expect(201, physicianB.post(retrieval(id))));
            receivedDownload += timed(() -> drain(physicianB.download("/records/" + id + "/content")));
        }
        double bytes = (double) mib * MIB * count;
        System.out.printf(Locale.ROOT, "%d MiB x %d: plain download at A %.1f ms (%.0f MB/s); retrieval at B through "
                        + "the proxy %.1f ms (%.0f MB/s, %.2fx the plain download); download of the received copy at B "
                        + "%.1f ms%n", mib, count, download / 1e6 / count, bytes / (download / 1e3),
                retrieval / 1e6 / count, bytes / (retrieval / 1e3), (double) retrieval / download,
                receivedDownload / 1e6 / count);
    }

    /** Samples the proxy JVM's used heap (jcmd GC.heap_info) while a {@code mib} MiB record is retrieved at B. */
    private void proxyHeapDuring(int mib) throws Exception {
        String id = upload(mib * MIB, "heap " + mib + " MiB");
        RecordsApi.awaitAnchored(physicianA, id);
        long pid = Long.parseLong(Files.readString(Node.PROXY.domainDirectory().resolve("config").resolve("pid"))
                .strip());
        long before = usedHeapKib(pid);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(usedHeapKib(pid), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long elapsed = timed(() -> expect(201, physicianB.post(retrieval(id))));
        done.set(true);
        sampler.join();
        System.out.printf(Locale.ROOT, "proxy heap while re-encrypting %d MiB (%.1f s): used before %d MiB, "
                + "peak %d MiB "
                + "(heap limit 1 GiB)%n", mib, elapsed / 1e9, before / 1024, peak.get() / 1024);
    }

    private String upload(long size, String title) {
        GeneratedContent content = new GeneratedContent(size, title.hashCode());
        HttpResponse<String> response = physicianA.upload(RecordsApi.recordsOf(patientA, "imaging", title),
                "application/octet-stream", content::stream);
        expect(201, response);
        return StaffClient.object(response).getString("id");
    }

    private static String retrieval(String recordId) {
        return "/consortium-records/" + recordId + "/retrieval";
    }

    private static void drain(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("download answered " + response.statusCode());
            }
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new IllegalStateException("download broke off", e);
        }
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    /** Used heap in KiB as {@code jcmd <pid> GC.heap_info} reports it (G1: "total N K, used M K"). */
    private static long usedHeapKib(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return Arrays.stream(out.split("\n")).filter(line -> line.contains("used") && line.contains("total"))
                    .findFirst().map(line -> Long.parseLong(line.replaceAll(".*used (\\d+)K.*", "$1"))).orElse(0L);
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    private static <T> void expect(int status, HttpResponse<T> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": "
                    + response.body());
        }
    }
}
