package org.icugym.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The measurement window, warm-up and report file options of the throughput benchmarks. */
final class MeasurementOptions {
    @Option(names = "--seconds", description = "Measurement window per case, s (default: ${DEFAULT-VALUE}).")
    double seconds = 5;

    @Option(names = "--warmup", description = "Warm-up per case, s (default: ${DEFAULT-VALUE}).")
    double warmup = 2;

    @Option(names = "--out", description = "Also write the Markdown report to this file.")
    Path out;

    /** Prints {@code report} and, with {@code --out}, also writes it to that file. */
    void publish(String report) throws IOException {
        System.out.println(report);
        if (out != null) {
            Files.writeString(out, report);
        }
    }
}
