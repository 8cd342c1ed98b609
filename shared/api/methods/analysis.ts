/**
 * The read side of coded data: full-text search, retrieval of coded excerpts (with code combinations), code
 * matrices and client–therapist concordance. Offsets are UTF-16 code units into the interview's text; times are
 * seconds. docs/cli-analysis.md describes the same shapes as the command line prints them.
 */
import { z } from 'zod';
import { method } from '../define';
import { id, role, speakerRole } from '../schemas';

export const span = z.object({ start: z.number().int(), end: z.number().int() });

/** Which sessions to look at. Every list narrows; omitted means all. */
const sessionScope = {
  dyadIds: z.array(id).max(1000).optional(),
  sessionIds: z.array(id).max(10000).optional(),
  /** Dyad attributes: key → allowed values (case-insensitive). A dyad must match every key given. */
  attributes: z.record(z.string().max(200), z.array(z.string().max(2000)).min(1).max(200)).optional(),
};

/** Which interviews to look at. */
const scopeFilter = {
  ...sessionScope,
  /** Interview roles. */
  roles: z.array(role).max(3).optional(),
};

const codingOptions = {
  coderIds: z.array(id).max(1000).optional(),
  /** Count or retrieve the codings of a code's subcodes as the code's own. */
  includeSubcodes: z.boolean().default(false),
};
const codingFilter = { ...scopeFilter, ...codingOptions };
/** Concordance looks at both sides of each session, so it takes no role filter. */
const concordanceFilter = { ...sessionScope, ...codingOptions };

const where = {
  interviewId: id,
  dyadId: id,
  dyadName: z.string(),
  sessionId: id,
  sessionNumber: z.number().int(),
  role,
};

const searchHit = z.object({
  ...where,
  turnId: id,
  speaker: z.string(),
  speakerRole,
  turnStart: z.number().int(),
  turnEnd: z.number().int(),
  /** Interview clock at the turn, when the transcript marks it. */
  interviewTime: z.number().nullable(),
  /** The recall moment the first match lies in (session-recording time), when the interview marks them. */
  momentId: id.nullable(),
  sessionTime: z.number().nullable(),
  /** Each matched term or phrase, as absolute offsets in the interview's text. */
  matches: z.array(span),
  snippet: z.object({
    text: z.string(),
    /** Offset of the snippet's text in the interview's text. */
    start: z.number().int(),
    /** Matches relative to the snippet's text. */
    marks: z.array(span),
    clippedStart: z.boolean(),
    clippedEnd: z.boolean(),
  }),
});

export const excerptCoding = z.object({
  id,
  codeId: id,
  codePath: z.string(),
  coderId: id,
  coderName: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  /** 'code': a coding of the code asked for; 'other': of the code it was combined with. */
  of: z.enum(['code', 'other']),
  /** The interview this coding is in (differs from the excerpt's for 'same-moment' across the two sides). */
  interviewId: id,
  /** The coded words (for a partner's coding, the passage shown beside the excerpt). */
  text: z.string(),
});

export const excerpt = z.object({
  ...where,
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  before: z.string(),
  after: z.string(),
  /** Path(s) of the code(s) applied to this passage, of the code asked for ("Alliance / Rupture"). */
  codePath: z.string(),
  /** The codings the excerpt comes from: the code's, then the other code's for combinations. */
  codingIds: z.array(id),
  codings: z.array(excerptCoding),
  /** Distinct names of the coders of those codings. */
  coders: z.array(z.string()),
  /** The speaker turn at the excerpt's start. */
  turnId: id.nullable(),
  speaker: z.string().nullable(),
  speakerRole: speakerRole.nullable(),
  interviewTime: z.number().nullable(),
  /** The recall moment containing the excerpt's start. */
  momentId: id.nullable(),
  sessionTime: z.number().nullable(),
  /** Memos on the excerpt's codings (of the code asked for), oldest first. */
  memos: z.array(z.object({ codingId: id, title: z.string(), text: z.string(), coderName: z.string().nullable() })),
});

const combineOp = z.enum(['and-overlap', 'but-not', 'same-moment']);
export const sameMomentScope = z.enum(['same-side', 'other-side', 'either-side']);

const matrixCell = z.object({
  codings: z.number().int(),
  /** Distinct recall moments coded (speaker turns in an interview without session-time markers). */
  moments: z.number().int(),
});

const concordanceCategory = z.enum(['both', 'client-only', 'therapist-only', 'unpaired-client', 'unpaired-therapist']);

const concordanceCode = z.object({
  codeId: id,
  codePath: z.string(),
  /** Rows where both sides have a unit: coded on both sides, on one side only, on neither. */
  both: z.number().int(),
  clientOnly: z.number().int(),
  therapistOnly: z.number().int(),
  neither: z.number().int(),
  /** Rows where only one side has a unit, and that unit is coded. */
  unpairedClient: z.number().int(),
  unpairedTherapist: z.number().int(),
  /**
   * Share on both sides: both / (both + clientOnly + therapistOnly); null when the code is on no paired row. Named
   * "agreement" in this contract since its first version; the page and the exports call it "share on both sides",
   * as inter-coder agreement is another thing.
   */
  agreement: z.number().nullable(),
});

const concordanceUnit = z.object({
  unitId: id,
  interviewId: id,
  kind: z.enum(['opening', 'moment', 'turn']),
  label: z.string(),
  sessionTime: z.number().nullable(),
  start: z.number().int(),
  end: z.number().int(),
  /** Codings of the code (or its subcodes) overlapping the unit. */
  codingIds: z.array(id),
  /** Those codings as passages: where each lies in the interview's text, its words and its coder, in text order. */
  codings: z.array(z.object({ id, start: z.number().int(), end: z.number().int(), text: z.string(), coderName: z.string() })),
});

const concordanceRow = z.object({
  dyadId: id,
  dyadName: z.string(),
  sessionId: id,
  sessionNumber: z.number().int(),
  sessionTime: z.number().nullable(),
  clientUnitId: id.nullable(),
  therapistUnitId: id.nullable(),
  /** Which side(s) the code is on in this row. */
  side: z.enum(['both', 'client', 'therapist']),
  client: concordanceUnit.nullable(),
  therapist: concordanceUnit.nullable(),
});

export const analysisMethods = {
  'search.text': method({
    summary: 'Full-text search of the transcripts: words, "phrases", prefix*, NEAR(a b, N), OR, NOT, -word; hits ranked, with offsets and snippets, a page at a time.',
    input: z.object({
      query: z.string().max(1000),
      ...scopeFilter,
      speakerRoles: z.array(speakerRole).max(3).optional(),
      /** Speaker labels as written in the transcripts (case-insensitive). */
      speakers: z.array(z.string().max(200)).max(200).optional(),
      limit: z.number().int().min(1).max(1000).default(50),
      offset: z.number().int().min(0).default(0),
      /** 'relevance': best first (bm25: the terms often in a short turn, rare terms weigh more); 'reading': in the order of the study. */
      order: z.enum(['relevance', 'reading']).default('relevance'),
      /** Width of the snippet in characters. */
      snippetChars: z.number().int().min(20).max(2000).default(160),
    }),
    output: z.object({
      /** How Dyad read the query. */
      query: z.string(),
      /** Hits (speaker turns) in the whole scope, not just this page. */
      total: z.number().int(),
      offset: z.number().int(),
      hits: z.array(searchHit),
    }),
  }),
  'analysis.retrieve': method({
    summary: 'The excerpts coded with a code, alone or combined with another code, with their attribution and context.',
    input: z.object({
      code: id,
      combine: z.object({ op: combineOp, other: id }).optional(),
      /** For 'same-moment': B in the same recall moment of the same interview, of the partner interview, or either. */
      sameMomentScope: sameMomentScope.default('same-side'),
      ...codingFilter,
      contextChars: z.number().int().min(0).max(5000).default(0),
      limit: z.number().int().min(1).max(100000).default(1000),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({
      code: z.object({ id, path: z.string() }),
      other: z.object({ id, path: z.string() }).nullable(),
      total: z.number().int(),
      offset: z.number().int(),
      excerpts: z.array(excerpt),
    }),
  }),
  'analysis.matrix': method({
    summary: 'Codes × roles or codes × dyads: number of codings and of distinct recall moments coded.',
    input: z.object({
      rows: z.literal('code').default('code'),
      columns: z.enum(['role', 'dyad']),
      codeIds: z.array(id).max(10000).optional(),
      ...codingFilter,
    }),
    output: z.object({
      columns: z.array(z.object({ key: z.string(), label: z.string() })),
      rows: z.array(
        z.object({
          codeId: id,
          codePath: z.string(),
          parentId: id.nullable(),
          depth: z.number().int(),
          /** One cell per column, in the order of `columns`. */
          cells: z.array(matrixCell),
          total: matrixCell,
        }),
      ),
    }),
  }),
  'analysis.concordance': method({
    summary: 'Per code, over the aligned rows of every session: coded on both sides, the client side only, the therapist side only.',
    input: z.object({ codeIds: z.array(id).max(10000).optional(), ...concordanceFilter }),
    output: z.object({
      toleranceSeconds: z.number(),
      sessions: z.number().int(),
      pairedRows: z.number().int(),
      unpairedClientRows: z.number().int(),
      unpairedTherapistRows: z.number().int(),
      codes: z.array(concordanceCode),
    }),
  }),
  'analysis.concordanceRows': method({
    summary: 'The aligned rows behind one number of the concordance table.',
    input: z.object({ codeId: id, category: concordanceCategory, ...concordanceFilter }),
    output: z.object({ codeId: id, codePath: z.string(), category: concordanceCategory, rows: z.array(concordanceRow) }),
  }),
  'analysis.exportConcordance': method({
    summary: 'The concordance table with its totals as CSV or Excel: written to `path`, or returned as bytes when no path is given.',
    input: z.object({ codeIds: z.array(id).max(10000).optional(), ...concordanceFilter, format: z.enum(['csv', 'xlsx']), path: z.string().min(1).max(4096).optional() }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), size: z.number().int(), path: z.string().nullable(), dataBase64: z.string().nullable() }),
  }),
};
