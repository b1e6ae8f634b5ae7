package org.icugym.core.clinical.cohort;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.icugym.core.clinical.physiology.LatentState;
import org.icugym.core.clinical.physiology.PatientProfile;

/**
 * Writes the hidden side of a synthetic cohort, for validation only: per row the simulator's
 * latent state at that step and the patient's hidden drivers, keyed by {@code icustayid} and
 * {@code bloc} like the cohort file.
 *
 * <p>Columns: icustayid, bloc, infection, vascular_tone, volume, cardiac_function, kidney_injury,
 * lung_injury, lactate_clearance, lactate_true (mmol/L), meanbp_true (mmHg), urine_output_true
 * (mL/4h), vasopressor_running (mcg/kg/min), ventilated (0/1), fluid_responsiveness,
 * vasopressor_sensitivity, frailty, ninety_day_risk (0–1). Meanings and units as in
 * {@link LatentState} and {@link PatientProfile}.
 */
public final class LatentTable implements Closeable {
    /** The column names in file order. */
    public static final List<String> COLUMNS = List.of("icustayid", "bloc", "infection", "vascular_tone", "volume",
            "cardiac_function", "kidney_injury", "lung_injury", "lactate_clearance", "lactate_true", "meanbp_true",
            "urine_output_true", "vasopressor_running", "ventilated", "fluid_responsiveness", "vasopressor_sensitivity",
            "frailty", "ninety_day_risk");

    private final BufferedWriter out;
    private final StringBuilder row = new StringBuilder(256);

    private LatentTable(BufferedWriter out) {
        this.out = out;
    }

    /** Creates (or replaces) a latent-state file and writes its header. */
    public static LatentTable create(Path file) {
        try {
            LatentTable t = new LatentTable(CsvFiles.writer(file));
            t.out.write(String.join(",", COLUMNS));
            t.out.write('\n');
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write latent-state file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one row. */
    public void write(long stayId, int bloc, LatentState s, PatientProfile p, double ninetyDayRisk) {
        row.setLength(0);
        row.append(stayId).append(',').append(bloc);
        double[] values = {s.infection(), s.vascularTone(), s.volume(), s.cardiacFunction(), s.kidneyInjury(),
            s.lungInjury(), s.lactateClearance(), s.lactate(), s.meanBp(), s.urineOutput(), s.vasopressorDose(),
            s.ventilated() ? 1 : 0, p.fluidResponsiveness(), p.vasopressorSensitivity(), p.frailty(), ninetyDayRisk};
        for (double v : values) {
            row.append(',');
            CsvFiles.appendNumber(row, CsvFiles.round(v, 4));
        }
        row.append('\n');
        try {
            out.append(row);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write latent-state row: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close latent-state file: " + e.getMessage(), e);
        }
    }
}
