package org.icugym.core.clinical.score;

import org.icugym.core.clinical.schema.Feature;
import org.icugym.core.clinical.schema.SepsisSchema;

/** One of the six organ systems of the SOFA score, each scored 0–4 points. */
public enum SofaComponent {
    /** Respiration: PaO2/FiO2 (mmHg) with respiratory support. */
    RESPIRATION(SepsisSchema.SOFA_RESPIRATION),
    /** Coagulation: platelet count (10^3/µL). */
    COAGULATION(SepsisSchema.SOFA_COAGULATION),
    /** Liver: total bilirubin (mg/dL). */
    LIVER(SepsisSchema.SOFA_LIVER),
    /** Cardiovascular: mean arterial pressure (mmHg) and vasopressor rate (mcg/kg/min). */
    CARDIOVASCULAR(SepsisSchema.SOFA_CARDIOVASCULAR),
    /** Central nervous system: Glasgow Coma Scale total (points). */
    CNS(SepsisSchema.SOFA_CNS),
    /** Renal: creatinine (mg/dL) and urine output (mL/day). */
    RENAL(SepsisSchema.SOFA_RENAL);

    private final Feature feature;

    SofaComponent(Feature feature) {
        this.feature = feature;
    }

    /** The derived schema feature that carries this component's points. */
    public Feature feature() {
        return feature;
    }
}
