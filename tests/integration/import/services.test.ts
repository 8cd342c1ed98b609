/**
 * Transcripts as services and people write them, through the import API into a real project file: what the
 * preview shows (warnings, speakers, the unnamed speaker of a file without labels), what the import returns (the
 * same warnings), and what the project then holds (every word, each cue's time, the speaker named in the preview).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTranscriptPath } from '../../../electron/import/readTranscript';
import { Project } from '../../../electron/core/project';
import { callApi } from '../../helpers/api';
import { tempDir } from '../../helpers/tmp';
import { readTranscriptFile } from '../../../electron/import/readTranscript';
import { deflatedEntry, makeDocx, makeZip } from './zipBytes';

const SERVICES = join(import.meta.dirname, '../../fixtures/import/services');
const FIXTURES = join(import.meta.dirname, '../../fixtures/import');
const tmp = tempDir();
let project: Project;
afterEach(() => project?.close());

const call = <T = any>(method: string, input: unknown = {}) => callApi<T>(project, method, input);
const file = (name: string, bytes: Uint8Array = readFileSync(join(SERVICES, name))) => ({ name, dataBase64: Buffer.from(bytes).toString('base64') });

async function sessionOf(dyad: string, session: number) {
  const tree = await call('dyads.list');
  const s = tree.find((d: { name: string }) => d.name === dyad).sessions.find((x: { number: number }) => x.number === session);
  return call('sessions.get', { sessionId: s.id });
}

describe('importing service exports and typed transcripts into a project', () => {
  it('shows every warning in the preview, returns them from the import, and keeps every cue\'s words and time', async () => {
    project = Project.open(tmp.path('services.dyad'), { create: true });
    const preview = await call('import.preview', { files: [file('D21_S1_client.zoom.vtt'), file('D25_S1_therapist.pages.txt')] });
    const [vtt, pages] = preview.items;
    expect(vtt.ok && pages.ok).toBe(true);
    expect(vtt.warnings).toEqual([
      expect.stringMatching(/^D21_S1_client\.zoom\.vtt: 1 subtitle cue has an impossible or unreadable start time \(first: cue 5, "00:00:60\.000/),
      expect.stringMatching(/^D21_S1_client\.zoom\.vtt: 2 cues without a speaker name were given to the speaker of the cue before \(first: cue 4\)/),
    ]);
    expect(vtt.speakers.map((s: { label: string }) => s.label)).toEqual(['Interviewer', 'Client', 'Dr Mensah']);
    expect(vtt.turns[1].timePoints).toEqual([12.4, 19]);
    expect(pages.warnings.join('\n')).toMatch(/6 lines added by a transcription service or word processor were kept out of the turns: "IPR interview – dyad 25/);

    const result = await call('import.commit', {
      stagingId: preview.stagingId,
      items: [
        { index: 0, dyad: '21', session: 1, role: 'client', speakerRoles: { Interviewer: 'interviewer', Client: 'participant', 'Dr Mensah': 'unknown' } },
        { index: 1, dyad: '21', session: 1, role: 'therapist', speakerRoles: { Interviewer: 'interviewer', Therapist: 'participant' } },
      ],
    });
    expect(result.warnings).toEqual([...vtt.warnings, ...pages.warnings]);

    const { interviews } = await sessionOf('21', 1);
    const client = interviews.find((i: { role: string }) => i.role === 'client');
    const words = (t: { start: number; end: number }) => client.text.slice(t.start, t.end);
    // The cue with the impossible time kept its words, in the client's turn.
    expect(client.turns.map(words).join(' ')).toContain('And I think she saw it, because she slowed down.');
    expect(client.turns.find((t: { speaker: string }) => t.speaker === 'Dr Mensah')).toBeDefined();
    const long = client.turns[1];
    expect(long.timePoints.map((p: { offset: number; interviewTime: number }) => [client.text.slice(p.offset, p.offset + 12), p.interviewTime])).toEqual([
      ['There. [vide', 12.4],
      ['I went very ', 19],
    ]);
    const therapist = interviews.find((i: { role: string }) => i.role === 'therapist');
    expect(therapist.turns.every((t: { start: number; end: number }) => !/Page \d|CONFIDENTIAL|TurboScribe/.test(therapist.text.slice(t.start, t.end)))).toBe(true);
    expect(therapist.text).toContain('Page 1 of 2'); // nothing dropped from the stored text
  });

  it('imports a Word file of paragraphs and a dictated SRT as one speaker, named and given a role in the preview', async () => {
    project = Project.open(tmp.path('unlabelled.dyad'), { create: true });
    const docx = await makeDocx([
      'Notes dictated after the recall interview.',
      'The client stopped the tape four times, mostly when the therapist was quiet.',
      '[video 00:12:40] Here she said she felt watched rather than heard.',
    ]);
    const preview = await call('import.preview', { files: [file('D27_S1_client.docx', docx), file('D22_S2_therapist.dictated.srt')] });
    const [word, srt] = preview.items;
    expect(word.ok && srt.ok).toBe(true);
    expect(word.noSpeakerLabels).toBe(true);
    expect(word.speakers).toEqual([{ label: 'Speaker', turns: 3, role: 'participant' }]);
    expect(word.warnings.join('\n')).toMatch(/^D27_S1_client\.docx: No speaker labels found: imported as one speaker \("Speaker"\), 3 paragraphs as turns/);
    expect(srt.noSpeakerLabels).toBe(true);
    expect(srt.warnings.join('\n')).toMatch(/"Transcribed by https:\/\/otter\.ai" \(cue 6\)/);

    await call('import.commit', {
      stagingId: preview.stagingId,
      items: [
        { index: 0, dyad: '27', session: 1, role: 'client', speakerRoles: { Speaker: 'participant' }, speakerNames: { Speaker: 'Client (dictated)' } },
        { index: 1, dyad: '27', session: 1, role: 'therapist', speakerRoles: { Speaker: 'participant' }, speakerNames: { Speaker: 'Dr Ama Osei' } },
      ],
    });
    const { interviews } = await sessionOf('27', 1);
    const client = interviews.find((i: { role: string }) => i.role === 'client');
    expect(client.turns.map((t: { speaker: string; speakerRole: string }) => [t.speaker, t.speakerRole])).toEqual(Array(3).fill(['Client (dictated)', 'participant']));
    expect(client.moments.map((m: { sessionTime: number }) => m.sessionTime)).toEqual([760]);
    const therapist = interviews.find((i: { role: string }) => i.role === 'therapist');
    expect(new Set(therapist.turns.map((t: { speaker: string }) => t.speaker))).toEqual(new Set(['Dr Ama Osei']));
    const times = therapist.turns.flatMap((t: { timePoints?: { interviewTime: number }[]; interviewTime: number }) => t.timePoints?.map((p) => p.interviewTime) ?? [t.interviewTime]);
    expect(times).toEqual([0, 4.3, 10, 19, 24.6]);
  });

  it('reads labels as people type them, time-of-day stamps, and a paper, from the fixtures', async () => {
    const typed = await readTranscriptPath(join(SERVICES, 'D23_S1_client.typed.txt'));
    expect(new Set(typed.turns.map((t) => t.speaker))).toEqual(new Set(['Interviewer1', 'Interviewee1', 'Interviewer2', 'Interviewee2']));
    const french = await readTranscriptPath(join(SERVICES, 'D24_S1_client.french.txt'));
    expect(french.turns.map((t) => t.speaker)).toEqual(['Intervieweur', 'Client', 'Intervieweur', 'Client', 'Intervieweur', 'Client']);
    const clock = await readTranscriptPath(join(SERVICES, 'D26_S1_client.clock.txt'));
    expect(clock.turns.map((t) => t.interviewTime)).toEqual([0, 22, 53, 61, 219, 226]);
    expect(clock.text).toContain('[Maya] 11:02:09');
    for (const name of ['notes-on-methods.txt', 'field-notes-week3.txt']) {
      const p = await readTranscriptPath(join(SERVICES, name));
      expect(new Set(p.turns.map((t) => t.speaker)), name).toEqual(new Set(['Speaker']));
    }
  });

  it('finds no lost words in any fixture transcript', async () => {
    const names = ['D07_S2_client.zoom.vtt', 'D07_S2_therapist.teams.vtt', 'D09_S1_therapist.srt', 'D04_S1_client.txt', 'D04_S1_therapist.otter.txt'];
    for (const name of names) {
      const p = await readTranscriptPath(join(FIXTURES, name));
      expect(p.warnings.filter((w) => /not in the imported text/.test(w)), name).toEqual([]);
    }
  });

  it('says how many words of a Word document did not reach the text, and where: a text box Word draws as a shape', async () => {
    const CT =
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
    const RELS =
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
    const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
    const textBox =
      '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing>' +
      '<wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData>' +
      '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>' +
      para('Interviewer note in a box: she looked at the door') +
      '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict/></mc:Fallback></mc:AlternateContent></w:r>' +
      '<w:r><w:t>P: I waited for her to speak.</w:t></w:r></w:p>';
    const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${para('I: Where shall we begin?')}${para('P: At the silence.')}${para('I: And then?')}${textBox}<w:p><w:del><w:r><w:delText>struck out</w:delText></w:r></w:del></w:p></w:body></w:document>`;
    const bytes = makeZip([
      deflatedEntry('[Content_Types].xml', Buffer.from(CT)),
      deflatedEntry('_rels/.rels', Buffer.from(RELS)),
      deflatedEntry('word/document.xml', Buffer.from(xml)),
    ]);
    const p = await readTranscriptFile('D40_S1_client.docx', bytes);
    expect(p.turns.map((t) => t.speaker)).toEqual(['I', 'P', 'I', 'P']);
    // Deleted text (a tracked change) is not a word of the document; the text box's words are, and they are missing.
    expect(p.warnings).toEqual([
      'D40_S1_client.docx: 10 words of the file are not in the imported text (paragraph 4: "Interviewer note in a box she looked at …"). Check the file in another program before coding it.',
    ]);
  });
});
