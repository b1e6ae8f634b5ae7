package org.icugym.core.clinical.cohort;

import java.util.List;
import org.icugym.core.clinical.schema.Feature;
import org.icugym.core.clinical.schema.SepsisSchema;

/**
 * The MIMIC-IV sepsis cohort statistics a synthetic cohort is compared with (DESIGN.md §4), and
 * the acceptance bands of the generated cohort.
 */
public final class MimicTargets {

    /**
     * A feature's target mean and SD, in the feature's schema unit.
     *
     * @param feature the feature
     * @param mean MIMIC-IV mean
     * @param sd MIMIC-IV standard deviation
     */
    public record FeatureTarget(Feature feature, double mean, double sd) {
        /** Whether a mean lies within {@value #MEAN_TOLERANCE_SD} target SDs of the target mean. */
        public boolean meanInBand(double value) {
            return Math.abs(value - mean) <= MEAN_TOLERANCE_SD * sd;
        }

        /** Whether an SD lies within a factor of {@value #SD_FACTOR} of the target SD. */
        public boolean sdInBand(double value) {
            return value >= sd / SD_FACTOR && value <= sd * SD_FACTOR;
        }
    }

    /** Largest accepted distance of a feature mean from its target, in target SDs. */
    public static final double MEAN_TOLERANCE_SD = 0.25;
    /** Largest accepted ratio between a feature SD and its target (either way). */
    public static final double SD_FACTOR = 2.0;

    /** The 14 target features. */
    public static final List<FeatureTarget> FEATURES = List.of(
            new FeatureTarget(SepsisSchema.HEART_RATE, 87.6, 17.9),
            new FeatureTarget(SepsisSchema.SYSBP, 117.0, 18.9),
            new FeatureTarget(SepsisSchema.MEANBP, 77.8, 13.0),
            new FeatureTarget(SepsisSchema.RESP_RATE, 20.1, 5.0),
            new FeatureTarget(SepsisSchema.SPO2, 96.9, 2.4),
            new FeatureTarget(SepsisSchema.TEMP_C, 37.0, 0.35),
            new FeatureTarget(SepsisSchema.FIO2, 47.5, 15.2),
            new FeatureTarget(SepsisSchema.LACTATE, 1.87, 1.16),
            new FeatureTarget(SepsisSchema.CREATININE, 1.54, 1.39),
            new FeatureTarget(SepsisSchema.PLATELET, 199, 108),
            new FeatureTarget(SepsisSchema.PH, 7.384, 0.065),
            new FeatureTarget(SepsisSchema.WBC, 10.2, 4.5),
            new FeatureTarget(SepsisSchema.AGE, 63.8, 16.1),
            new FeatureTarget(SepsisSchema.CHARLSON_INDEX, 5.3, 3.0));

    /** Accepted 90-day mortality (share of stays), lower end. */
    public static final double MORTALITY_LOW = 0.13;
    /** Accepted 90-day mortality (share of stays), upper end. */
    public static final double MORTALITY_HIGH = 0.20;
    /** MIMIC share of steps with vasopressor bin 0. */
    public static final double VASOPRESSOR_BIN0 = 0.82;
    /** MIMIC share of steps with fluid bin 0. */
    public static final double FLUID_BIN0 = 0.23;
    /** Accepted distance of the bin-0 shares from their targets (share of steps). */
    public static final double BIN0_TOLERANCE = 0.10;
    /** MIMIC mean number of 4 h steps per stay. */
    public static final double STEPS_PER_STAY = 13.5;
    /** Accepted mean steps per stay, lower end. */
    public static final double STEPS_LOW = 10;
    /** Accepted mean steps per stay, upper end. */
    public static final double STEPS_HIGH = 18;

    private MimicTargets() {}
}
