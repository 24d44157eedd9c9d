package dev.lightbox.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

/** A server we run as a child process: its output goes to our log, and it is stopped with us. */
final class ChildProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChildProcess.class);

    private final String name;
    private final Process process;
    private final CompletableFuture<String> firstMatchingLine = new CompletableFuture<>();

    private ChildProcess(String name, Process process, Predicate<String> awaitedLine) {
        this.name = name;
        this.process = process;
        Thread pump = new Thread(() -> pumpOutput(awaitedLine), name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code command} in {@code workingDirectory}; {@code awaitedLine} selects the output line to wait for. */
    static ChildProcess start(String name, List<String> command, Path workingDirectory, Predicate<String> awaitedLine) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .start();
            return new ChildProcess(name, process, awaitedLine);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + name + ": " + String.join(" ", command), e);
        }
    }

    /** Runs a command to completion, failing if it exits non-zero. */
    static void run(String name, List<String> command, Path workingDirectory, Duration timeout) {
        try (ChildProcess child = start(name, command, workingDirectory, line -> false)) {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not finish within " + timeout);
            }
            if (child.process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed with exit code " + child.process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " was interrupted", e);
        }
    }

    String awaitLine(Duration timeout) {
        try {
            return firstMatchingLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException(name + " did not become ready within " + timeout, e);
        }
    }

    /** Sends a signal by name (STOP, CONT) to a process, if it still runs: how tests freeze a server and resume it. */
    static void signal(String signal, long pid) {
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
            // A backend may end between being listed and being signalled: only a live process must get it.
            if (exit != 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed with exit code " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void pumpOutput(Predicate<String> awaitedLine) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!firstMatchingLine.isDone() && awaitedLine.test(line)) {
                    firstMatchingLine.complete(line);
                } else {
                    LOG.debugf("[%s] %s", name, line);
                }
            }
        } catch (IOException e) {
            LOG.debugf("[%s] output closed: %s", name, e.getMessage());
        }
        firstMatchingLine.completeExceptionally(new IllegalStateException(name + " exited"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on the loopback interface", e);
        }
    }

    /** Waits until something accepts connections on 127.0.0.1:{@code port}. */
    static void awaitPort(String name, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
