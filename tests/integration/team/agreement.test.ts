import { mkdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { Project } from '../../../electron/core/project';
import { agreementReport, listDisagreements } from '../../../electron/team/agreement';
import { exportReport, reportCsv } from '../../../electron/export/agreementReport';
import { buildConsensus, listConsensusLayers, pendingDisagreements, settleDisagreement } from '../../../electron/team/consensus';
import { DyadError } from '../../../shared/api/errors';
import { makeStudy, readableCodings, spanOf, textOf, type Study } from './fixture';

let study: Study;
let project: Project;
let ids: { ann: string; ben: string; cy: string; shame: string; repair: string };

/*
 * The client interview (fixture CLIENT), 298 characters, 5 speaker turns, 3 recall moments:
 *   Shame  — Ann: "I could not look at her" (23) and "I felt small" (12); Ben: "I could not look at her. I felt small" (37).
 *   Repair — Ann: "Relief, honestly" (turn 4); Ben: "This is where I wanted to leave the room" (turn 5).
 * The therapist interview is coded by Cy alone.
 */
beforeAll(() => {
  study = makeStudy();
  project = Project.open(study.copy('team.dyad'));
  const db = project.db;
  const ann = C.ensureCoder(db, 'Ann');
  const ben = C.ensureCoder(db, 'Ben');
  const cy = C.ensureCoder(db, 'Cy');
  const shame = C.findCodeByPath(db, null, 'Shame')!;
  const repair = C.createCode(db, { name: 'Repair' });
  const code = (codeId: string, coderId: string, interviewId: string, words: string) => C.addCoding(db, { interviewId, ...spanOf(db, interviewId, words), codeId, coderId });
  code(shame.id, ann.id, study.clientId, 'I could not look at her');
  code(shame.id, ann.id, study.clientId, 'I felt small');
  code(shame.id, ben.id, study.clientId, 'I could not look at her. I felt small');
  code(repair.id, ann.id, study.clientId, 'Relief, honestly');
  code(repair.id, ben.id, study.clientId, 'This is where I wanted to leave the room');
  code(shame.id, cy.id, study.therapistId, 'which I regret');
  ids = { ann: ann.id, ben: ben.id, cy: cy.id, shame: shame.id, repair: repair.id };
});
afterAll(() => {
  project.close();
  study.cleanup();
});

const kappa = (n11: number, n10: number, n01: number, n00: number) => {
  const n = n11 + n10 + n01 + n00;
  const po = (n11 + n00) / n;
  const pe = ((n11 + n10) / n) * ((n11 + n01) / n) + ((n01 + n00) / n) * ((n10 + n00) / n);
  return (po - pe) / (1 - pe);
};

describe('agreement, checked by hand', () => {
  it('by character: Shame differs only on the ". " between Ann’s two passages', () => {
    const L = textOf(project.db, study.clientId).length;
    // Markers 3 × 14, "I: " / "C: " lines 37 + 63 + 31 + 64 + 41 plus 3 + 1 each: 42 + 236 + 20 = 298.
    expect(L).toBe(298);
    const r = agreementReport(project.db, { coders: ['Ann', 'ben'], unit: 'char', codeIds: [ids.shame] });
    const shame = r.codes[0]!;
    // Both coded 35 characters, Ben alone 2, neither 261: 296 of 298 agree.
    expect(shame.units).toBe(298);
    expect(shame.percent).toBeCloseTo(296 / 298, 12);
    expect(shame.kappa).toBeCloseTo(kappa(35, 0, 2, 261), 12);
    // α = 1 − (n−1)·(o01+o10)/(2·n0·n1): o11 = 70, o00 = 522, o01 = o10 = 2, n1 = 72, n0 = 524, n = 596.
    expect(shame.alpha).toBeCloseTo(1 - (595 * 4) / (2 * 524 * 72), 12);
    expect(shame.disagreements).toBe(1);
    expect(shame.codings).toEqual([2, 1]);
    // The therapist interview was coded by neither Ann nor Ben: it is left out, not counted as agreement.
    expect(r.interviews).toEqual({ compared: 1, leftOut: [expect.objectContaining({ sourceName: 'D07_S1_therapist.txt', coders: [] })] });
  });

  it('by speaker turn: Shame agrees on all 5 turns, Repair on 3; overall pooled over 10 turn × code units', () => {
    const r = agreementReport(project.db, { coders: ['Ann', 'Ben'], unit: 'turn' });
    expect(r.codes.map((c) => c.path)).toEqual(['Repair', 'Shame']);
    const [repair, shame] = r.codes;
    expect(shame).toMatchObject({ units: 5, percent: 1, kappa: 1, alpha: 1, disagreements: 0 });
    // Repair: Ann alone on turn 4, Ben alone on turn 5, neither on 3 turns.
    expect(repair!.percent).toBeCloseTo(3 / 5, 12);
    expect(repair!.kappa).toBeCloseTo(-0.25, 12); // pₒ = .6, pₑ = .2·.2 + .8·.8 = .68
    expect(repair!.alpha).toBeCloseTo(1 - (9 * 4) / (2 * 8 * 2), 12); // n0 = 8, n1 = 2, n = 10: −0.125
    // Pooled: n11 = 1, n10 = 1, n01 = 1, n00 = 7 → 80 %, κ = .375; α with n0 = 16, n1 = 4, n = 20.
    expect(r.overall.units).toBe(10);
    expect(r.overall.percent).toBeCloseTo(0.8, 12);
    expect(r.overall.kappa).toBeCloseTo(0.375, 12);
    expect(r.overall.alpha).toBeCloseTo(1 - (19 * 4) / (2 * 16 * 4), 12);
    expect(r.overall.disagreements).toBe(2);
  });

  it('by recall moment: the moments from one marker to the next', () => {
    const r = agreementReport(project.db, { coders: ['Ann', 'Ben'], unit: 'moment', codeIds: [ids.repair] });
    // Ann's "Relief" is in moment 2 (03:05), Ben's "leave the room" in moment 3 (06:42): both disagree, moment 1 agrees.
    expect(r.codes[0]).toMatchObject({ units: 3, disagreements: 2 });
    expect(r.codes[0]!.percent).toBeCloseTo(1 / 3, 12);
  });

  it('three coders: kappa is not defined, alpha allows Cy’s missing codings; interviews with one coder are left out', () => {
    // Cy never coded the client interview: there Cy is missing, not "absent" (else alpha would fall below 1).
    const r = agreementReport(project.db, { coders: ['Ann', 'Ben', 'Cy'], unit: 'turn', codeIds: [ids.shame] });
    expect(r.codes[0]).toMatchObject({ kappa: null, alpha: 1, units: 5, codings: [2, 1, 0] });
    expect(r.interviews.leftOut.map((l) => [l.sourceName, l.coders])).toEqual([['D07_S1_therapist.txt', ['Cy']]]);
  });

  it('over chosen roles, dyads, sessions or interviews', () => {
    const client = agreementReport(project.db, { coders: ['Ann', 'Ben'], unit: 'turn', roles: ['client'] });
    expect(client.interviews).toEqual({ compared: 1, leftOut: [] });
    expect(client.codes).toEqual(agreementReport(project.db, { coders: ['Ann', 'Ben'], unit: 'turn' }).codes);
    const therapist = agreementReport(project.db, { coders: ['Ann', 'Ben'], unit: 'turn', interviewIds: [study.therapistId] });
    expect(therapist.interviews.compared).toBe(0);
    expect(therapist.codes).toEqual([]);
    expect(therapist.overall).toMatchObject({ units: 0, percent: null, alpha: null });
    const session = project.db.prepare('SELECT session_id FROM interviews WHERE id = ?').pluck().get(study.clientId) as string;
    expect(agreementReport(project.db, { coders: ['Ann', 'Ben'], unit: 'turn', sessionIds: [session] }).interviews.compared).toBe(1);
    expect(() => agreementReport(project.db, { coders: ['Ann', 'Ben'], unit: 'turn', dyadIds: ['no-such-dyad'] })).toThrowError(/No interview matches/);
  });

  it('asks for real coders', () => {
    expect(() => agreementReport(project.db, { coders: ['Ann', 'Zed'], unit: 'char' })).toThrowError(/No coder "Zed".*Ann, Ben, Cy/);
    expect(() => agreementReport(project.db, { coders: ['Ann', 'ann'], unit: 'char' })).toThrowError(DyadError);
  });
});

describe('disagreements', () => {
  it('lists each passage with who has the code, who does not, and the codings to show side by side', () => {
    const { total, items } = listDisagreements(project.db, { coders: ['Ann', 'Ben'], unit: 'char' });
    expect(total).toBe(3);
    const dot = items.find((d) => d.codePath === 'Shame')!;
    expect(dot).toMatchObject({ text: '. ', dyad: '7', session: 1, role: 'client', sourceName: 'D07_S1_client.txt' });
    expect(dot.present.map((p) => p.name)).toEqual(['Ben']);
    expect(dot.absent.map((p) => p.name)).toEqual(['Ann']);
    expect(dot.codings.map((k) => [k.coderName, textOf(project.db, study.clientId).slice(k.start, k.end)])).toEqual([
      ['Ann', 'I could not look at her'],
      ['Ben', 'I could not look at her. I felt small'],
      ['Ann', 'I felt small'],
    ]);
    const repair = items.filter((d) => d.codePath === 'Repair').map((d) => [d.text, d.present[0]!.name]);
    expect(repair).toEqual([
      ['Relief, honestly', 'Ann'],
      ['This is where I wanted to leave the room', 'Ben'],
    ]);
    expect(listDisagreements(project.db, { coders: ['Ann', 'Ben'], unit: 'char', codeId: ids.repair, offset: 1, limit: 5 })).toMatchObject({ total: 2, items: [{ text: 'This is where I wanted to leave the room' }] });
  });
});

function readZipEntry(path: string, entry: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.readEntry();
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== entry) return zip.readEntry();
        zip.openReadStream(e, (err2, stream) => {
          if (err2 || !stream) return reject(err2);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.on('end', () => reject(new Error(`${entry} not in ${path}`)));
    });
  });
}

describe('the report as a file', () => {
  const report = () => agreementReport(project.db, { coders: ['Ann', 'Ben'], unit: 'turn' });

  it('CSV: one row per code and a pooled row, quoted by RFC 4180', async () => {
    const path = study.path('agreement.csv');
    await exportReport(report(), { path });
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = text.slice(1).trimEnd().split('\r\n');
    expect(rows[0]).toBe("Code,Units (speaker turns),Percent agreement,Cohen's kappa,Krippendorff's alpha,Disagreements,Codings by Ann,Codings by Ben");
    expect(rows.slice(1)).toEqual(['Repair,5,0.6,-0.25,-0.125,2,1,1', 'Shame,5,1,1,1,0,2,1', 'All codes (pooled),10,0.8,0.375,0.4063,2,,']);
    // A code path with a comma, quotes and a line break is one quoted field, quotes doubled.
    const r = report();
    r.codes[0]!.path = 'Push, "pull"\nback';
    expect(reportCsv(r).split('\r\n')[1]).toBe('"Push, ""pull""\nback",5,0.6,-0.25,-0.125,2,1,1');
  });

  it('Excel: the figures as numbers, and an About sheet with coders, unit, date and how to read them', async () => {
    const path = study.path('agreement.xlsx');
    await exportReport(report(), { path });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('Agreement')!;
    const repair = ws.getRow(2).values as unknown[];
    expect(repair.slice(1, 3)).toEqual(['Repair', 5]);
    expect(repair.slice(3, 6).map((v) => Number((v as number).toFixed(9)))).toEqual([0.6, -0.25, -0.125]);
    expect(repair.slice(6)).toEqual([2, 1, 1]);
    expect(ws.getRow(2).getCell(3).numFmt).toBe('0.0%');
    expect(ws.getRow(4).getCell(1).value).toBe('All codes (pooled)');
    expect(ws.getRow(4).getCell(3).value).toBeCloseTo(0.8, 12);
    const about = wb.getWorksheet('About')!;
    const text = JSON.stringify(about.getSheetValues());
    expect(text).toContain('Ann, Ben');
    expect(text).toContain('speaker turn');
    expect(text).toContain('Krippendorff suggests');
  });

  it('Word: a title, the coders and unit, the table and the notes', async () => {
    const path = study.path('agreement.docx');
    await exportReport(report(), { path });
    const xml = await readZipEntry(path, 'word/document.xml');
    const words = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(words).toContain('Inter-coder agreement: Ann, Ben');
    expect(words).toContain('Coders: Ann, Ben');
    expect(words).toContain('Unit: speaker turn');
    expect(words).toMatch(/Repair 5 60\.0 % -0\.250 -0\.125 2 1 1/);
    expect(words).toMatch(/All codes \(pooled\) 10 80\.0 % 0\.375 0\.406 2/);
    expect(xml).toContain('<w:tbl>');
  });

  it('an unwritable place: an error naming the file, and nothing left behind', async () => {
    const path = study.path('no-such-folder/agreement.csv');
    const err = await exportReport(report(), { path }).catch((e: unknown) => e);
    expect((err as DyadError).kind).toBe('io');
    expect((err as DyadError).message).toContain(path);
    mkdirSync(study.path('no-such-folder'));
  });
});

describe('consensus', () => {
  let consensus: string;

  it('takes over what Ann and Ben agree on, as a coder of its own', () => {
    const built = buildConsensus(project.db, { coders: ['Ann', 'Ben'], codeIds: [ids.shame, ids.repair] });
    expect(built.coder.name).toBe('Consensus (Ann+Ben)');
    consensus = built.coder.id;
    expect(built).toMatchObject({ unit: 'char', added: 2, alreadyThere: 0, pending: 3 });
    expect(readableCodings(project.db).filter((l) => l.endsWith('Consensus (Ann+Ben)'))).toEqual([
      'D07_S1_client.txt | I could not look at her | Shame | Consensus (Ann+Ben)',
      'D07_S1_client.txt | I felt small | Shame | Consensus (Ann+Ben)',
    ]);
    expect(C.undoState(project.db).undoLabel).toBe('Build Consensus (Ann+Ben)');
    // The build is one step: undone, its codings go; redone, the same ones come back.
    const mine = () => readableCodings(project.db).filter((l) => l.endsWith('Consensus (Ann+Ben)'));
    const before = mine();
    expect(C.undo(project.db)).toBe('Build Consensus (Ann+Ben)');
    expect(mine()).toEqual([]);
    expect(C.redo(project.db)).toBe('Build Consensus (Ann+Ben)');
    expect(mine()).toEqual(before);
    expect(listConsensusLayers(project.db)).toEqual([{ coderId: consensus, name: 'Consensus (Ann+Ben)', coders: ['Ann', 'Ben'], unit: 'char', settled: 0 }]);
    // Building again adds nothing.
    expect(buildConsensus(project.db, { coders: ['Ann', 'Ben'], codeIds: [ids.shame, ids.repair] })).toMatchObject({ added: 0, alreadyThere: 2, pending: 3 });
  });

  it('each disagreement is settled by a choice: include, exclude, or a passage of the lead’s own', () => {
    const pending = pendingDisagreements(project.db, { consensusCoderId: consensus });
    expect(pending.items.map((d) => d.text)).toEqual(['Relief, honestly', 'This is where I wanted to leave the room', '. ']);
    const [relief, leave, dot] = pending.items;
    // Including ". " joins the two Shame passages into one.
    const a = settleDisagreement(project.db, { consensusCoderId: consensus, disagreementId: dot!.id, choice: 'include' });
    expect(textOf(project.db, study.clientId).slice(a.coding!.start, a.coding!.end)).toBe('I could not look at her. I felt small');
    expect(a.pending).toBe(2);
    expect(settleDisagreement(project.db, { consensusCoderId: consensus, disagreementId: relief!.id, choice: 'exclude' })).toMatchObject({ coding: null, pending: 1 });
    const room = spanOf(project.db, study.clientId, 'I wanted to leave the room');
    const c = settleDisagreement(project.db, { consensusCoderId: consensus, disagreementId: leave!.id, choice: room });
    expect(c.pending).toBe(0);
    expect(readableCodings(project.db).filter((l) => l.endsWith('Consensus (Ann+Ben)'))).toEqual([
      'D07_S1_client.txt | I could not look at her. I felt small | Shame | Consensus (Ann+Ben)',
      'D07_S1_client.txt | I wanted to leave the room | Repair | Consensus (Ann+Ben)',
    ]);
    // Undoing a settlement opens the disagreement again.
    expect(C.undo(project.db)).toBe("Settle 'Repair' for the consensus");
    expect(pendingDisagreements(project.db, { consensusCoderId: consensus })).toMatchObject({ total: 1, items: [{ text: 'This is where I wanted to leave the room', settled: room }] });
  });

  it('the consensus is compared and exported like any coder', () => {
    const r = agreementReport(project.db, { coders: ['Ann', 'Consensus (Ann+Ben)'], unit: 'char', codeIds: [ids.shame] });
    expect(r.codes[0]!.disagreements).toBe(1);
    expect(C.listCoders(project.db).find((c) => c.id === consensus)).toMatchObject({ codingCount: 1 });
  });
});
