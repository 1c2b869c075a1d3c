package org.custodia.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc} (the tests run on Linux, as the node does):
 * the process's socket inodes from its file descriptors, their addresses from {@code /proc/net/tcp} and
 * {@code tcp6}.
 */
final class Listeners {

    /** ::1 as {@code /proc/net/tcp6} writes it (32-bit words, each little-endian). */
    private static final String IPV6_LOOPBACK = "00000000000000000000000001000000";
    private static final String IPV4_MAPPED_PREFIX = "0000000000000000FFFF0000";

    private Listeners() {
    }

    /** The listening sockets of process {@code pid} on an address other than loopback, as {@code address:port}. */
    static List<String> beyondLoopback(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listed
                }
            }
        }
        List<String> found = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            if (!Files.exists(Path.of(table))) {
                continue; // IPv6 off on this host
            }
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.trim().split("\\s+");
                boolean listening = "0A".equals(columns[3]);
                if (listening && inodes.contains(columns[9]) && !isLoopback(columns[1])) {
                    found.add(columns[1]);
                }
            }
        }
        return found;
    }

    /**
     * Whether {@code local} (hex address:port) is on loopback: IPv4 is written little-endian, so 127.0.0.0/8 ends in
     * 7F.
     */
    private static boolean isLoopback(String local) {
        String address = local.substring(0, local.indexOf(':'));
        if (address.length() == 8) {
            return address.endsWith("7F");
        }
        return address.equals(IPV6_LOOPBACK) || address.startsWith(IPV4_MAPPED_PREFIX) && address.endsWith("7F");
    }
}
