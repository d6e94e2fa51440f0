/**
 * Calibration: traces of real runs → fitted mock profiles (`rtbench calibrate`), and recorded runs
 * → replay scripts for the mock (`rtbench mock --replay`). Pure, like metrics/.
 */
export {
  calibrate,
  CalibrationError,
  DEFAULT_MIN_N,
  PROVENANCE_NOTE,
  type CalibrationRun,
  type CalibrateOptions,
  type CalibrationResult,
  type FitRow,
} from './calibrate.js';
export { fitDistribution, ksDistance, ksCritical, quantileOf } from './fit.js';
export { drawFrom, medianOf, fittedQuantile, type Distribution } from './distribution.js';
export { observeSession, type SessionObservations, type TurnObservation } from './extract.js';
export {
  parseProfileFile,
  entryForModel,
  ProfileFileError,
  PROFILE_FILE_SCHEMA,
  type ProfileFile,
  type FittedModelProfile,
  type SpeechStoppedFit,
} from './profile-format.js';
export { renderFitReport } from './report.js';
