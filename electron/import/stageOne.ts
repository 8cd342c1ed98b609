/**
 * One file of an import, read and parsed as far as the preview needs: the transcript, the speaker roles Dyad
 * proposes and the word count. Runs in an import worker (parseWorker.ts), so that nothing of it — the decoding,
 * Word documents, the researcher's marker patterns — takes turns on the thread that serves the app.
 */
import type { SpeakerRole } from '../../shared/domain/types';
import { UNNAMED_SPEAKER, countWords, defaultSpeakerRoles, speakerCounts } from '../../shared/import';
import type { ParsedTranscript } from '../../shared/import/types';
import { readTranscriptFile, type ReadTranscript } from './readTranscript';

export interface StagedTranscript {
  parsed: ReadTranscript;
  speakerRoles: Record<string, SpeakerRole>;
  wordCount: number;
}

/**
 * The roles the preview proposes. A file that names no speakers is one person talking — in an IPR study the
 * participant recalling — and a speaker Dyad had to name itself beside named ones is not known.
 */
function proposeSpeakerRoles(parsed: ParsedTranscript): Record<string, SpeakerRole> {
  if (parsed.noSpeakerLabels) return { [UNNAMED_SPEAKER]: 'participant' };
  const roles = defaultSpeakerRoles(speakerCounts(parsed));
  if (UNNAMED_SPEAKER in roles && !parsed.text.includes(`${UNNAMED_SPEAKER}:`)) roles[UNNAMED_SPEAKER] = 'unknown';
  return roles;
}

export async function stageTranscript(name: string, bytes: Uint8Array, customMarkerPatterns: readonly string[] | undefined): Promise<StagedTranscript> {
  const parsed = await readTranscriptFile(name, bytes, { customMarkerPatterns });
  // Question and word counts let named speakers ("Dr Okafor", "Ms Lind") be told apart: the interviewer asks most and talks least.
  return { parsed, speakerRoles: proposeSpeakerRoles(parsed), wordCount: countWords(parsed.text) };
}
