package org.icugym.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** What the serve commands share: the base configuration and the port file. */
final class ServeSupport {
    private ServeSupport() {}

    /**
     * application.conf and the defaults, with {@code configFile} (a HOCON file, or null for none)
     * applied over them; the command's own options go on top of this.
     */
    static Config baseConfig(Path configFile) {
        Config base = ConfigFactory.load();
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new IllegalArgumentException("--config " + configFile + " is not a readable file");
            }
            base = ConfigFactory.parseFile(configFile.toFile()).withFallback(base).resolve();
        }
        return base;
    }

    /** Writes the bound port to {@code file} atomically, so a reader never sees a partial number. */
    static void writePortFile(Path file, int port) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, Integer.toString(port), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
