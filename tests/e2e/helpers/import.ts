import type { Harness } from './harness';

export type ImportPreview = {
  stagingId: string;
  items: { index: number; name: string; ok: boolean; speakers: { label: string; role: string }[]; moments: unknown[]; wordCount: number }[];
};

/**
 * Imports a session's client and therapist transcripts through the API, as the import dialog would, with "I" as
 * the interviewer and every other label a participant. Returns the preview, to check what was read.
 */
export async function importSessionPair(h: Harness, dyad: string, session: number, files: { client: [string, string]; therapist: [string, string] }): Promise<ImportPreview> {
  const sources = [files.client, files.therapist].map(([name, text]) => ({ name, dataBase64: Buffer.from(text).toString('base64') }));
  const preview = await h.api<ImportPreview>('import.preview', { files: sources });
  await h.api('import.commit', {
    stagingId: preview.stagingId,
    items: preview.items.map((it, i) => ({
      index: it.index,
      dyad,
      session,
      role: i === 0 ? 'client' : 'therapist',
      speakerRoles: Object.fromEntries(it.speakers.map((sp) => [sp.label, sp.label === 'I' ? 'interviewer' : 'participant'])),
    })),
  });
  return preview;
}
