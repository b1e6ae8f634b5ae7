package org.icugym.core.clinical.schema;

import java.util.Objects;

/**
 * A column of a MIMIC sepsis extraction table (AI Clinician naming) that holds a feature.
 *
 * <p>{@code scale} converts the column's unit to the schema's unit: {@code schemaValue =
 * columnValue × scale} (e.g. {@code FiO2_1} is a fraction, the schema's {@code fio2} is a
 * percentage, so the scale is 100). {@code standard} is true when the column is part of the
 * public AI Clinician MIMIC table ({@code MIMICtable}); false marks a column this project adds
 * for a feature that table lacks (e.g. the GCS sub-scores), named in the same style.
 *
 * @param name column name, case-sensitive, e.g. {@code "HR"}
 * @param scale multiplier from the column's unit to the schema unit (positive)
 * @param standard whether the AI Clinician MIMIC table has this column
 */
public record ExtractionColumn(String name, double scale, boolean standard) {

    /** Validates the name and scale. */
    public ExtractionColumn {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || !(scale > 0)) {
            throw new IllegalArgumentException("bad extraction column " + name + " × " + scale);
        }
    }

    /** A standard AI Clinician column already in the schema unit. */
    public static ExtractionColumn standard(String name) {
        return new ExtractionColumn(name, 1.0, true);
    }

    /** A column this project adds (not in the AI Clinician table), in the schema unit. */
    public static ExtractionColumn extension(String name) {
        return new ExtractionColumn(name, 1.0, false);
    }

    /** The value in the schema unit of a value read from this column. */
    public double toSchemaUnit(double columnValue) {
        return columnValue * scale;
    }

    /** The value to write to this column for a value in the schema unit. */
    public double toColumnUnit(double schemaValue) {
        return schemaValue / scale;
    }
}
