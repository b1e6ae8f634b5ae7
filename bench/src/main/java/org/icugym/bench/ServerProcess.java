package org.icugym.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server started as a child JVM with {@code --port 0 --port-file F}; waits until the port file
 * appears (the server is serving) and stops the process on {@link #stop()}.
 */
final class ServerProcess {
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ServerProcess start(String name, List<String> command) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("icugym-bench-" + name);
        Path portFile = dir.resolve("port");
        Path log = dir.resolve("server.log");
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("--port", "0", "--port-file", portFile.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException(name + " did not start (" + String.join(" ", cmd) + "); its output:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            Thread.sleep(50);
        }
        return new ServerProcess(p, Integer.parseInt(Files.readString(portFile).trim()), log);
    }

    int port() {
        return port;
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    Path log() {
        return log;
    }
}
