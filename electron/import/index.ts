/** Transcript import, the file side: bytes and paths → ParsedTranscript, with encodings and Word documents. */
export {
  readTranscriptFile,
  readTranscriptPath,
  DEFAULT_MAX_TRANSCRIPT_BYTES,
  type ReadTranscript,
  type ReadTranscriptOptions,
} from './readTranscript';
export { decodeTranscriptBytes, type DecodedText } from './decode';
export { readDocxText } from './docx';
export { checkDocxArchive, DOCX_LIMITS, type ZipLimits } from './zipGuard';
