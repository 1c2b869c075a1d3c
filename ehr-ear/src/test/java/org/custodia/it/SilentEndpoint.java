package org.custodia.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.opentest4j.TestAbortedException;

/**
 * A member's endpoint that accepts connections and never answers, as a node that hangs does; it notes when each
 * connection came. Stands in for consortium members whose nodes do not run beside the test node.
 */
final class SilentEndpoint implements AutoCloseable {

    private final ServerSocket server;
    private final List<Instant> accepted = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    /**
     * Listens on the host and port of {@code endpoint}; the test is skipped when another process holds them.
     */
    SilentEndpoint(URI endpoint) throws IOException {
        try {
            server = new ServerSocket(endpoint.getPort(), 50, InetAddress.getByName(endpoint.getHost()));
        } catch (BindException e) {
            throw new TestAbortedException(endpoint + " is taken by another process: " + e.getMessage());
        }
        Thread acceptor = new Thread(this::acceptUntilClosed, "silent endpoint " + endpoint.getPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptUntilClosed() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                accepted.add(Instant.now());
                open.add(connection);
                Thread reader = new Thread(() -> drain(connection), "silent connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Reads what the caller sends and answers nothing, until the caller gives up. */
    private static void drain(Socket connection) {
        try (InputStream in = connection.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the caller or close() ended the connection
        }
    }

    /** When each connection was accepted, in order. */
    List<Instant> accepted() {
        return List.copyOf(accepted);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : open) {
            connection.close();
        }
    }
}
