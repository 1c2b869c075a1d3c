package org.custodia.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops and starts the test domain the way an operator does ({@code asadmin stop-domain} / {@code start-domain}),
 * or kills its server, for tests of what survives a server restart or a crash. The deployed application stays
 * deployed and starts with it.
 */
final class TestServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private TestServer() {
    }

    /** Stops the domain, runs {@code whileDown}, starts the domain again and waits until the application answers. */
    static void restart(Runnable whileDown) {
        asadmin("stop-domain");
        whileDown.run();
        start();
    }

    /**
     * Kills the domain's server as {@code kill -9} does (no shutdown of any kind: what the out-of-memory killer or a
     * crash leaves), runs {@code whileDown}, then starts the domain again and waits until the application answers.
     */
    static void killAndStart(Runnable whileDown) {
        try {
            long pid = pid();
            ProcessHandle server = ProcessHandle.of(pid).orElseThrow(
                    () -> new IllegalStateException("the test domain's server " + pid + " is not running"));
            if (!server.destroyForcibly()) {
                throw new IllegalStateException("cannot kill the test domain's server " + pid);
            }
            server.onExit().get(30, TimeUnit.SECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot kill the test domain's server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        whileDown.run();
        start();
    }

    /** The process id of the test domain's server, from the pid file Payara writes while it runs. */
    static long pid() throws IOException {
        Path pidFile = Path.of(System.getProperty("it.domains.dir"), System.getProperty("it.domain"), "config", "pid");
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    private static void start() {
        asadmin("start-domain");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (answers()) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("the application did not answer within " + START_TIMEOUT + " after start");
    }

    private static boolean answers() {
        try {
            HttpResponse<String> response = TestNode.get("/custodia/api/node");
            return response.statusCode() == 200;
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    private static void asadmin(String command) {
        Path asadmin = Path.of(System.getProperty("payara.home"), "bin", "asadmin");
        List<String> arguments = List.of(asadmin.toString(), command, "--domaindir",
                System.getProperty("it.domains.dir"), System.getProperty("it.domain"));
        try {
            Process process = new ProcessBuilder(arguments).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("asadmin " + command + " failed for the test domain");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + asadmin, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
