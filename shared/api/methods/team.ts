/**
 * Team work: merging coders' copies (.dyad), REFI-QDA projects (.qdpx) and codebooks (.qdc) into this project;
 * inter-coder agreement (percent agreement, Cohen's kappa, Krippendorff's alpha) per code and overall, with the
 * disagreements; and a consensus coder built from two or more coders.
 *
 * Merging is preview → (review with choices)* → apply. Nothing is written before apply; apply backs the project
 * file up, writes everything in one transaction as one undoable step ("Merge <file>"), and merge.undo takes all of
 * it back. Conflicts are answered by `choices`: conflict id → option id; unanswered conflicts take their default
 * (this project's side, or whatever keeps every coding). Events: 'changed' with 'codebooks', 'codings', 'memos',
 * 'coders', 'interviews', 'dyads', 'undo' after writes. merge.preview, merge.apply, agreement.report and
 * agreement.export are long jobs (jobId, progress, jobs.cancel).
 */
import { z } from 'zod';
import { codingView } from '../../coding/schemas';
import { method } from '../define';
import { id, oneFileSource, role, uploadId, wellFormedText } from '../schemas';

const jobId = z.string().max(100).optional();
const choices = z.record(z.string().max(500), z.string().max(50));

const conflict = z.object({
  id: z.string(),
  kind: z.enum(['code-rename', 'code-parent', 'code-field', 'code-name-clash', 'interview-text', 'interview-slot', 'interview-unplaced', 'dyad-attribute', 'memo-text']),
  description: z.string(),
  options: z.array(z.object({ id: z.string(), label: z.string() })),
  defaultOption: z.string(),
  mine: z.string().nullable(),
  theirs: z.string().nullable(),
  subjectId: z.string().nullable(),
});

const codeRef = z.object({ id, path: z.string() });

const mergeSummary = z.object({
  from: z.string(),
  coders: z.object({ added: z.array(z.string()), matched: z.number().int() }),
  codebooks: z.object({ added: z.array(z.string()), matched: z.number().int() }),
  codes: z.object({
    added: z.array(codeRef),
    matchedById: z.number().int(),
    matchedByName: z.array(codeRef),
    updated: z.array(codeRef.extend({ fields: z.array(z.string()) })),
  }),
  dyads: z.object({ added: z.array(z.string()), updated: z.array(z.string()) }),
  sessions: z.object({ added: z.number().int(), recordings: z.number().int() }),
  interviews: z.object({
    added: z.array(z.object({ id, sourceName: z.string(), dyad: z.string(), session: z.number().int(), role })),
    matchedById: z.number().int(),
    matchedByText: z.number().int(),
    skipped: z.array(z.object({ id, sourceName: z.string(), codings: z.number().int() })),
  }),
  codings: z.object({
    added: z.number().int(),
    alreadyThere: z.number().int(),
    byCoder: z.array(z.object({ coder: z.string(), added: z.number().int() })),
    unplaced: z.number().int(),
  }),
  memos: z.object({ added: z.number().int(), matched: z.number().int(), updated: z.number().int() }),
  links: z.object({ added: z.number().int(), alreadyThere: z.number().int(), skipped: z.number().int() }),
  conflicts: z.array(conflict),
  warnings: z.array(z.string()),
  nothingToDo: z.boolean(),
});

const mergePreview = z.object({
  planId: z.string(),
  file: z.string(),
  kind: z.enum(['dyad', 'qdpx', 'qdc']),
  summary: mergeSummary,
  fileWarnings: z.array(z.string()),
});

/** The file to merge: by path (app, command line) or as bytes with its name (browser). */
const fileFields = {
  path: z.string().min(1).max(4096).optional(),
  dataBase64: z.string().optional(),
  /** Or the file sent to `dyad serve` beforehand (the browser). */
  uploadId: uploadId.optional(),
  name: z.string().min(1).max(1000).optional(),
};
const oneSource = (f: { path?: string | undefined; dataBase64?: string | undefined; uploadId?: string | undefined; name?: string | undefined }) =>
  oneFileSource(f) && (f.path !== undefined || f.name !== undefined);

const unit = z.enum(['char', 'turn', 'moment']);
/** Which codings are compared; every list narrows, omitted means all. */
const agreementQuery = {
  /** Coder ids or names, two or more. */
  coders: z.array(z.string().min(1).max(200)).min(2).max(50),
  unit: unit.default('char'),
  /** Omitted: every code one of the coders applied in the interviews compared. */
  codeIds: z.array(id).max(5000).optional(),
  interviewIds: z.array(id).max(10000).optional(),
  sessionIds: z.array(id).max(10000).optional(),
  dyadIds: z.array(id).max(1000).optional(),
  roles: z.array(role).max(3).optional(),
};

const figures = {
  percent: z.number().nullable(),
  kappa: z.number().nullable(),
  alpha: z.number().nullable(),
  units: z.number(),
  disagreements: z.number().int(),
};

export const agreementReport = z.object({
  title: z.string(),
  generatedAt: z.string(),
  unit,
  coders: z.array(z.object({ id, name: z.string() })),
  interviews: z.object({
    compared: z.number().int(),
    leftOut: z.array(z.object({ id, sourceName: z.string(), dyad: z.string(), session: z.number().int(), role, coders: z.array(z.string()) })),
  }),
  codes: z.array(z.object({ codeId: id, path: z.string(), color: z.string(), ...figures, codings: z.array(z.number().int()) })),
  overall: z.object(figures),
  notes: z.array(z.string()),
});

const person = z.object({ id, name: z.string() });
export const disagreement = z.object({
  id: z.string(),
  codeId: id,
  codePath: z.string(),
  interviewId: id,
  sourceName: z.string(),
  dyadId: id,
  dyad: z.string(),
  sessionId: id,
  session: z.number().int(),
  role,
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  present: z.array(person),
  absent: z.array(person),
  codings: z.array(z.object({ id, coderId: id, coderName: z.string(), start: z.number().int(), end: z.number().int(), text: z.string().optional() })),
  /** The passage in its turn and its place in the session (agreement.disagreements gives it). */
  context: z
    .object({ start: z.number().int(), end: z.number().int(), text: z.string(), speaker: z.string().nullable(), sessionTime: z.number().nullable() })
    .optional(),
});

const span = z.object({ start: z.number().int().min(0), end: z.number().int().min(1) });
const settleChoice = z.union([z.enum(['include', 'exclude']), span]);
const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) };

export const teamMethods = {
  'merge.preview': method({
    summary: "Read a coder's copy (.dyad), a REFI-QDA project (.qdpx) or a codebook (.qdc) and show what merging it would do, with its conflicts. Writes nothing.",
    job: true,
    input: z
      .object({
        ...fileFields,
        choices: choices.optional(),
        /** For a .qdc: the codebook to import into (omitted: the one of the same name, or the project's only one). */
        codebookId: id.nullable().optional(),
        /** For a .qdc: import it as a codebook of its own. */
        newCodebook: z.boolean().optional(),
        jobId,
      })
      .refine(oneSource, { message: 'give either path, or dataBase64 with name, or uploadId with name' }),
    output: mergePreview,
  }),
  'merge.review': method({
    summary: 'The previewed merge again with the lead’s choices (conflicts may appear or go: a rename taken frees a name).',
    input: z.object({ planId: z.string().min(1).max(100), choices }),
    output: mergePreview,
  }),
  'merge.apply': method({
    summary: 'Merge the previewed file: backup first, then one transaction, one undoable step. Refused if the project changed what was reviewed.',
    job: true,
    input: z.object({ planId: z.string().min(1).max(100), choices: choices.default({}), jobId }),
    output: z.object({
      file: z.string(),
      changed: z.boolean(),
      backupPath: z.string().nullable(),
      undoLabel: z.string().nullable(),
      summary: mergeSummary,
    }),
  }),
  'merge.last': method({
    summary: 'The latest merge: its name, time, backup, and whether merge.undo can still take it back.',
    input: z.object({}),
    output: z.object({ label: z.string(), at: z.string(), backupPath: z.string(), canUndo: z.boolean() }).nullable(),
  }),
  'merge.undo': method({
    summary: 'Undo the latest merge completely, interviews and dyads it added included (it must be the latest change).',
    input: z.object({}),
    output: z.object({
      undone: z.string(),
      removed: z.object({ interviews: z.number().int(), sessions: z.number().int(), dyads: z.number().int() }),
      backupPath: z.string(),
    }),
  }),

  'agreement.report': method({
    summary: "Percent agreement, Cohen's kappa and Krippendorff's alpha per code and overall, by character, speaker turn or recall moment.",
    job: true,
    input: z.object({ ...agreementQuery, jobId }),
    output: agreementReport,
  }),
  'agreement.disagreements': method({
    summary: 'The passages where the coders differ, per code, with the codings involved (to show them side by side).',
    input: z.object({ ...agreementQuery, codeId: id.nullable().optional(), ...page }),
    output: z.object({ total: z.number().int(), items: z.array(disagreement) }),
  }),
  'agreement.export': method({
    summary: 'The agreement report as CSV, Excel or Word: written to `path`, or returned as bytes when no path is given. Without format, the path\'s extension says.',
    job: true,
    input: z.object({ ...agreementQuery, format: z.enum(['csv', 'xlsx', 'docx']).optional(), path: z.string().min(1).max(4096).optional(), jobId }),
    output: z.object({
      fileName: z.string(),
      mimeType: z.string(),
      size: z.number().int(),
      path: z.string().nullable(),
      dataBase64: z.string().nullable(),
    }),
  }),

  'consensus.build': method({
    summary: 'Build (or bring up to date) a consensus coder from two or more coders: their agreements become its codings.',
    input: z.object({ ...agreementQuery, name: wellFormedText(z.string().trim().min(1).max(100)).optional() }),
    output: z.object({
      coder: person,
      unit,
      added: z.number().int(),
      alreadyThere: z.number().int(),
      pending: z.number().int(),
    }),
  }),
  'consensus.list': method({
    summary: 'The consensus coders built in this project, with the coders they stand for.',
    input: z.object({}),
    output: z.array(z.object({ coderId: id, name: z.string(), coders: z.array(z.string()), unit, settled: z.number().int() })),
  }),
  'consensus.pending': method({
    summary: 'Disagreements the lead has not settled yet for a consensus coder.',
    input: z.object({ consensusCoderId: id, codeId: id.nullable().optional(), ...page }),
    // total: still open; settled: those of the same disagreements already settled (the progress is settled of total + settled).
    output: z.object({ total: z.number().int(), settled: z.number().int(), items: z.array(disagreement.extend({ settled: settleChoice.nullable() })) }),
  }),
  'consensus.settle': method({
    summary: 'Settle a disagreement for the consensus: include the passage, exclude it, or include a passage of your own (undoable).',
    input: z.object({ consensusCoderId: id, disagreementId: z.string().min(1).max(1000), choice: settleChoice }),
    output: z.object({ disagreementId: z.string(), choice: settleChoice, coding: codingView.nullable(), pending: z.number().int() }),
  }),
};
