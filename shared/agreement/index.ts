/** Inter-coder agreement: the statistics, and the helpers that turn codings of a code into units. */
export type { MeasurementLevel, ReliabilityData, Value } from './types';
export { percentAgreement, cohensKappa, cohensKappaDetails, kappaFromTable, type KappaDetails } from './twoCoders';
export { krippendorffAlpha, krippendorffAlphaDetails, alphaFromCoincidences, type AlphaDetails } from './krippendorff';
export {
  agreedSpans,
  agreementForCode,
  codingsToUnitData,
  unitDataToReliabilityData,
  type AgreementUnitKind,
  type CodeAgreement,
  type CodedUnit,
  type CoderSpan,
  type Disagreement,
  type InterviewCodings,
  type Span,
  type UnitData,
  type UnitDataParams,
} from './units';
