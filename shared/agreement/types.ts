/** A value a coder gave a unit: a category, a rating, or present/absent. */
export type Value = string | number | boolean;

/** Krippendorff's levels of measurement; each has its own difference function. */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** Reliability data: `data[coder][unit]`, null where that coder gave that unit no value. */
export type ReliabilityData = readonly (readonly (Value | null)[])[];
