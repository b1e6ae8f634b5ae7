package org.icugym.core.clinical.cohort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a sepsis cohort extracted from MIMIC in the column naming of the public AI Clinician
 * extraction code ({@code icustayid}, {@code bloc}, {@code HR}, {@code MeanBP},
 * {@code Arterial_lactate}, {@code input_4hourly}, {@code max_dose_vaso}, {@code mortality_90d},
 * ...) into this project's cohort schema; see {@link CohortReader.Mode#IMPORT} for what is
 * required, computed, ignored and dropped. Cohort files written by this project import unchanged.
 *
 * <p>Unit caveat: the MIMIC-III AI Clinician table stores {@code age} in days; convert it to years
 * before importing (an age above 120 is reported out of range and left missing).
 */
public final class MimicImporter {
    private MimicImporter() {}

    /**
     * The stays of a file and what the import found.
     *
     * @param stays the stays in file order
     * @param report mapped, computed, ignored and dropped columns and values
     */
    public record Imported(List<CohortStay> stays, ImportReport report) {}

    /**
     * Reads a whole extraction into memory.
     *
     * @throws CohortFormatException if the file is malformed (naming file, line and column)
     */
    public static Imported read(Path file) {
        List<CohortStay> stays = new ArrayList<>();
        ImportReport report = CohortReader.read(file, CohortReader.Mode.IMPORT, stays::add);
        return new Imported(stays, report);
    }

    /**
     * Imports an extraction into a cohort directory: one file per split, stays assigned by
     * {@link CohortGenerator#splitOf} (no latent-state files: the truth is unknown for real data).
     *
     * @param file the extraction (CSV or CSV.gz)
     * @param directory output directory (created if needed)
     * @param seed the seed of the split assignment
     * @return what the import found
     * @throws CohortFormatException if the file is malformed
     */
    public static ImportReport importTo(Path file, Path directory, long seed) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + directory + ": " + e.getMessage(), e);
        }
        Map<CohortSplit, CohortWriter> writers = new EnumMap<>(CohortSplit.class);
        try {
            for (CohortSplit split : CohortSplit.values()) {
                writers.put(split, CohortWriter.create(directory.resolve(split.fileName())));
            }
            return CohortReader.read(file, CohortReader.Mode.IMPORT,
                    stay -> writers.get(CohortGenerator.splitOf(seed, stay.stayId())).write(stay));
        } finally {
            writers.values().forEach(CohortWriter::close);
        }
    }
}
