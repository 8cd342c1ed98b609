import type { StagingStore } from '../../core/importer';
import type { Handler } from '../dispatch';
import { noUploads } from '../../core/uploads';

const PREVIEW_TURNS = 12;

/** The transcript readers (Word, encodings, zip) load with the first import, not when Dyad starts. */
const importer = () => import('../../core/importer');

export function importHandlers(stagingStore: () => Promise<StagingStore>) {
  return {
    'import.preview': async ({ files }, { project, signal, progress, uploads }) => {
      // An uploaded file is read from its scratch file (and removed): one copy in memory, not the JSON body's several.
      const sources = files.map((f) =>
        f.uploadId !== undefined
          ? { name: f.name, bytes: (uploads ?? noUploads()).takeBytes(f.uploadId).bytes }
          : { name: f.name, bytes: Buffer.from(f.dataBase64!, 'base64') },
      );
      const { stageFiles } = await importer();
      const staging = await stagingStore();
      const staged = await stageFiles(sources, project.settings(), { signal, progress });
      const stagingId = staging.put(staged);
      return {
        stagingId,
        items: staged.map((s) => {
          const p = s.parsed;
          const speakers = new Map<string, number>();
          for (const t of p?.turns ?? []) speakers.set(t.speaker, (speakers.get(t.speaker) ?? 0) + 1);
          return {
            index: s.index,
            name: s.name,
            ok: !!p,
            error: s.error,
            format: p?.format ?? 'unknown',
            encoding: p?.encoding ?? null,
            proposed: s.proposed,
            wordCount: s.wordCount,
            speakers: [...speakers].map(([label, turns]) => ({ label, turns, role: s.speakerRoles[label] ?? 'unknown' })),
            turns: (p?.turns ?? []).slice(0, PREVIEW_TURNS).map((t) => ({
              speaker: t.speaker,
              text: p!.text.slice(t.start, t.end),
              interviewTime: t.interviewTime,
              timePoints: (t.timePoints ?? []).map((tp) => tp.time),
              sessionTimes: p!.moments.filter((m) => m.offset >= t.start && m.offset < t.end).map((m) => m.sessionTime),
            })),
            moments: (p?.moments ?? []).map((m) => ({ sessionTime: m.sessionTime, label: m.label })),
            warnings: p?.warnings ?? [],
            noSpeakerLabels: !!p?.noSpeakerLabels,
          };
        }),
      };
    },
    'import.commit': async ({ stagingId, items }, { project, signal, progress, emit }) => {
      const { commitStaged } = await importer();
      const staging = await stagingStore();
      const staged = staging.get(stagingId);
      const interviewIds = await commitStaged(project, staged, items, { signal, progress });
      staging.drop(stagingId);
      emit({ type: 'changed', what: ['dyads'] });
      const imported = new Set(items.map((it) => it.index));
      const warnings = staged.filter((s) => imported.has(s.index)).flatMap((s) => s.parsed?.warnings ?? []);
      return { interviewIds, warnings };
    },
  } satisfies { [K in 'import.preview' | 'import.commit']: Handler<K> };
}
