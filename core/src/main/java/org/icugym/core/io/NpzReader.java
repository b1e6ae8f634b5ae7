package org.icugym.core.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A reader of NumPy {@code .npz} archives (a zip of {@code .npy} entries, stored or deflated),
 * streaming entry by entry so that large arrays need not be held densely.
 *
 * <p>Truncated or corrupt archives are reported as {@link NpyFormatException}s naming the
 * archive and the entry being read.
 */
public final class NpzReader {

    /** Receives one array of an archive, named without the {@code .npy} suffix. */
    @FunctionalInterface
    public interface EntryHandler {
        /** Reads (or skips, by returning) the array {@code name}; {@code reader} is positioned after its header. */
        void entry(String name, NpyReader reader) throws IOException;
    }

    private NpzReader() {}

    /**
     * Calls {@code handler} for each {@code .npy} entry of the archive in {@code zip}, in archive
     * order; {@code source} names the archive in error messages. Entries not ending in
     * {@code .npy} are skipped. The stream is not closed.
     */
    public static void forEachEntry(InputStream zip, String source, EntryHandler handler) throws IOException {
        ZipInputStream z = new ZipInputStream(zip);
        int entries = 0;
        String current = null;
        try {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                entries++;
                current = e.getName();
                if (current.endsWith(".npy") && !e.isDirectory()) {
                    String name = current.substring(0, current.length() - 4);
                    handler.entry(name, NpyReader.open(z, source + " entry '" + current + "'"));
                }
                current = null;
            }
        } catch (EOFException | ZipException e) {
            throw new NpyFormatException(source + ": truncated or corrupt zip archive"
                    + (current != null ? " while reading entry '" + current + "'" : "") + ": " + e.getMessage(), e);
        }
        if (entries == 0) {
            throw new NpyFormatException(source + ": not an .npz archive: expected a zip of .npy entries, found no "
                    + "zip entries");
        }
    }

    /** Reads every array of an archive densely, keyed by name in archive order. */
    public static Map<String, NpyArray> readAll(InputStream zip, String source) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        forEachEntry(zip, source, (name, reader) -> arrays.put(name, reader.readAll()));
        return arrays;
    }

    /** Reads every array of the archive file {@code path} densely, keyed by name. */
    public static Map<String, NpyArray> readAll(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return readAll(new BufferedInputStream(in, 1 << 16), path.toString());
        }
    }
}
