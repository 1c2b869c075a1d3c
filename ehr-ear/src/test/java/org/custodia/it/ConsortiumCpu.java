package org.custodia.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.custodia.it.ConsortiumNodes.Node;

/**
 * CPU time used by each process of a running development consortium on this machine (the three nodes' JVMs, the dev
 * chain and this client), read from the operating system before and after a measured phase, so that a benchmark can
 * say which process bounds it. Processes are found through the pid files the run command and Payara write.
 */
final class ConsortiumCpu {

    private final Map<String, ProcessHandle> processes = new LinkedHashMap<>();

    ConsortiumCpu() {
        for (Node node : Node.values()) {
            add(node.displayName(), node.domainDirectory().resolve("config").resolve("pid"));
        }
        add("chain", ConsortiumNodes.home().resolve("run").resolve("chain.pid"));
        processes.put("this client", ProcessHandle.current());
    }

    private void add(String name, Path pidFile) {
        try {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(p -> processes.put(name, p));
        } catch (IOException | NumberFormatException e) {
            // not running here (or another layout): left out of the figures, which say so by its absence
        }
    }

    /** The CPU time each process has used so far. */
    Snapshot snapshot() {
        Map<String, Duration> used = new LinkedHashMap<>();
        processes.forEach((name, process) -> process.info().totalCpuDuration().ifPresent(cpu -> used.put(name, cpu)));
        return new Snapshot(used);
    }

    /** CPU time used per process at one moment. */
    record Snapshot(Map<String, Duration> used) {

        /**
         * What each process used since {@code earlier}, per operation, and all of them together: e.g. "Hospital A
         * 3.1 ms, ..., all 21.4 ms".
         */
        String perOperation(Snapshot earlier, int operations) {
            StringJoiner line = new StringJoiner(", ");
            double all = 0;
            for (Map.Entry<String, Duration> entry : used.entrySet()) {
                Duration before = earlier.used().get(entry.getKey());
                if (before != null) {
                    double ms = entry.getValue().minus(before).toNanos() / 1e6 / operations;
                    all += ms;
                    line.add(String.format(Locale.ROOT, "%s %.1f ms", entry.getKey(), ms));
                }
            }
            return line.add(String.format(Locale.ROOT, "all %.1f ms", all)).toString();
        }
    }
}
