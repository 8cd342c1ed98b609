/** Transcript import, the pure part: parsing text into turns and recall moments, speaker roles, file names. */
export type { ParsedMoment, ParsedTranscript, ParsedTurn, TimePoint, TranscriptFormat } from './types';
export { UNNAMED_SPEAKER } from './types';
export { parseTranscript, type ParseTranscriptOptions } from './parse';
export { defaultSpeakerRoles, speakerCounts, type SpeakerCount } from './speakers';
export { parseFileName, type FileNameParts } from './fileName';
export { parseTime, formatTime } from './time';
export { countWords, normaliseText } from './normalise';
export { compileMarkerPatterns, findSessionMarkers, type MarkerMatch } from './markers';
