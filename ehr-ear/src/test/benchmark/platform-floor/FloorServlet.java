package org.custodia.benchmark.floor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What Payara itself needs for a transfer, as a floor for the node's own. A POST reads the request body over the
 * node's HTTPS listener and, by the path it is called on, discards it ({@code /discard}), hashes it with SHA-256
 * ({@code /hash}), or hashes it while writing it to a new file in the directory of the context parameter
 * {@code floor.directory}, forces the file to disk and deletes it ({@code /store}); it answers the body's length and
 * hash. A GET of {@code /serve} sends the file {@value #SERVED} of that directory, hashing it as it is read, as a
 * download of a stored file checked against its hash would. Deployed by {@code curl-transfers.sh} for its
 * platform-floor phase only; never part of the application.
 */
@WebServlet(urlPatterns = {"/discard", "/hash", "/store", "/serve"})
public class FloorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int BUFFER = 64 * 1024;
    private static final String SERVED = "floor-serve.bin";

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String way = request.getServletPath();
        if ("/serve".equals(way)) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[BUFFER];
        long length = 0;
        InputStream body = request.getInputStream();
        if ("/store".equals(way)) {
            Path file = Files.createTempFile(directory(), "floor-", ".bin");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                for (int n; (n = body.read(buffer)) > 0; length += n) {
                    sha256.update(buffer, 0, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        channel.write(chunk);
                    }
                }
                channel.force(true);
            } finally {
                Files.delete(file);
            }
        } else {
            boolean hash = "/hash".equals(way);
            for (int n; (n = body.read(buffer)) > 0; length += n) {
                if (hash) {
                    sha256.update(buffer, 0, n);
                }
            }
        }
        response.setContentType("text/plain");
        response.getWriter().print(length + " " + HexFormat.of().formatHex(sha256.digest()));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!"/serve".equals(request.getServletPath())) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        Path file = directory().resolve(SERVED);
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[BUFFER];
        response.setContentType("application/octet-stream");
        response.setContentLengthLong(Files.size(file));
        try (InputStream in = Files.newInputStream(file)) {
            OutputStream out = response.getOutputStream();
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        sha256.digest(); // what a download checks its file against: computed for its cost
    }

    private Path directory() {
        return Path.of(getServletContext().getInitParameter("floor.directory"));
    }

    private static MessageDigest sha256() throws ServletException {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ServletException(e);
        }
    }
}
