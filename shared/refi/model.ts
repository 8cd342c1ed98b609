/**
 * What a REFI-QDA project (.qde) or codebook (.qdc) says, as plain data, before it is turned into a Dyad
 * snapshot. GUIDs are normalised (lower case, no braces); positions are as written in the file (their unit is
 * decided later, see positions.ts); texts referenced by path are resolved by the reader that has the archive.
 */

interface RefiUser {
  guid: string;
  name: string;
}

export interface RefiCode {
  guid: string;
  name: string;
  isCodable: boolean;
  color: string | null;
  description: string | null;
  noteRefs: string[];
  children: RefiCode[];
}

export interface RefiCoding {
  guid: string;
  codeGuid: string;
  creatingUser: string | null;
  creationDateTime: string | null;
  noteRefs: string[];
}

export interface RefiSelection {
  guid: string;
  name: string;
  /** A memo on the passage (QualCoder writes its coding memo here). */
  description: string | null;
  start: number;
  end: number;
  creatingUser: string | null;
  creationDateTime: string | null;
  codings: RefiCoding[];
  noteRefs: string[];
}

export interface RefiVariableValue {
  variableGuid: string;
  value: string;
}

/** A TextSource, or a Note (the schema gives notes the same type). */
export interface RefiTextSource {
  guid: string;
  name: string;
  description: string | null;
  plainTextPath: string | null;
  richTextPath: string | null;
  plainTextContent: string | null;
  creatingUser: string | null;
  creationDateTime: string | null;
  modifiedDateTime: string | null;
  selections: RefiSelection[];
  /** Codings of the whole source (no selection). */
  codings: RefiCoding[];
  noteRefs: string[];
  variableValues: RefiVariableValue[];
  /** For a PDF read through its text representation: how many codings of PDF areas (not text) it had. */
  pdfAreaCodings?: number;
}

interface RefiSyncPoint {
  guid: string;
  /** Milliseconds into the recording. */
  timeStamp: number;
  /** Where in the transcript's text, in the file's position unit. */
  position: number;
}

/** A Transcript of an audio or video source: a text (a file or inline) with the times of places in it. */
interface RefiTranscript extends RefiTextSource {
  syncPoints: RefiSyncPoint[];
}

/** An AudioSource or VideoSource: a recording by path, with its transcripts. */
export interface RefiMediaSource {
  kind: 'AudioSource' | 'VideoSource';
  guid: string;
  name: string;
  path: string | null;
  transcripts: RefiTranscript[];
  /** Codings of stretches of the recording (not of text): counted, not imported. */
  codings: number;
}

interface RefiVariable {
  guid: string;
  name: string;
  type: string;
  description: string | null;
}

interface RefiCase {
  guid: string;
  name: string;
  description: string | null;
  sourceRefs: string[];
  variableValues: RefiVariableValue[];
}

interface RefiLink {
  guid: string;
  name: string;
  originGuid: string | null;
  targetGuid: string | null;
}

export interface RefiSet {
  guid: string;
  name: string;
  description: string | null;
  memberCodes: string[];
  memberSources: string[];
  memberNotes: string[];
}

export interface RefiProject {
  name: string;
  origin: string | null;
  creatingUser: string | null;
  creationDateTime: string | null;
  basePath: string | null;
  description: string | null;
  users: RefiUser[];
  codes: RefiCode[];
  variables: RefiVariable[];
  cases: RefiCase[];
  sources: RefiTextSource[];
  /**
   * Picture and PDF sources, and audio and video sources with neither a file nor a transcript: counted, not
   * imported (a PDF with a text representation is a source).
   */
  otherSources: { kind: string; name: string; codings: number }[];
  /** Audio and video sources: their recordings attached and their transcripts read (media.ts). */
  mediaSources: RefiMediaSource[];
  notes: RefiTextSource[];
  links: RefiLink[];
  sets: RefiSet[];
  /** Graphs (ATLAS.ti networks, NVivo maps): counted, not imported. */
  graphs: number;
  noteRefs: string[];
}

export interface RefiCodebook {
  origin: string | null;
  codes: RefiCode[];
  sets: RefiSet[];
  /** The text of a <?dyad-data …?> instruction, when Dyad wrote the file. */
  dyadData: string | null;
}

/**
 * How deep codes may nest. Dyad's codebook panel and code paths show a hundred levels; a file nested deeper is
 * refused with its depth named rather than shown cut (real codebooks have fewer than ten).
 */
export { MAX_CODE_DEPTH } from '../coding/paths';
