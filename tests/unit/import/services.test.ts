/**
 * Transcripts as services and people write them (issue 11, items 1–7): subtitles with short, impossible or missing
 * names and times, files without speaker labels, labels as people type them, service boilerplate, time-of-day
 * stamps, and sources that are not interviews. What a researcher would check: every word is somewhere, each turn
 * is the right speaker's, every cue keeps its time, and whatever Dyad decided is said in a warning.
 */
import { describe, expect, it } from 'vitest';
import { lostWords, lostWordsWarning } from '../../../shared/import/accounting';
import { findBoilerplateLines, isBoilerplate } from '../../../shared/import/boilerplate';
import { cueSourceLines, cueTime } from '../../../shared/import/cues';
import { parseTranscript } from '../../../shared/import/parse';
import { defaultSpeakerRoles, speakerCounts } from '../../../shared/import/speakers';
import type { ParsedTranscript } from '../../../shared/import/types';
import { said } from './helpers';

const parse = (text: string, fileName = 'D30_S1_client.txt') => parseTranscript(text, { fileName });
const warned = (p: ParsedTranscript, re: RegExp) => p.warnings.some((w) => re.test(w));
const words = (s: string) => s.split(/\s+/).filter(Boolean);

describe('1. nothing is dropped silently', () => {
  it('keeps all five cues of a WebVTT whose cue times are impossible, and says so', () => {
    const cues = [
      ['00:00:60.000 --> 00:00:62.000', 'Interviewer: Shall we start at the first stop?'],
      ['00:00:62.500 --> 00:00:65.000', 'Client: Yes, the part where she looked away.'],
      ['00:01:05.000 --> 00:01:09.000', 'Interviewer: What happened for you there?'],
      ['00:01:70.000 --> 00:01:74.000', 'Client: I thought she was bored with me.'],
      ['00:01:75.000 --> 00:01:79.000', 'Interviewer: Bored?'],
    ];
    const p = parse(`WEBVTT\n\n${cues.map(([t, w], i) => `${i + 1}\n${t}\n${w}`).join('\n\n')}`, 'D30_S1_client.vtt');
    expect(said(p)).toEqual([
      ['Interviewer', 'Shall we start at the first stop?'],
      ['Client', 'Yes, the part where she looked away.'],
      ['Interviewer', 'What happened for you there?'],
      ['Client', 'I thought she was bored with me.'],
      ['Interviewer', 'Bored?'],
    ]);
    expect(p.turns.map((t) => t.interviewTime)).toEqual([null, null, 65, null, null]);
    expect(p.warnings.join('\n')).toMatch(/^D30_S1_client\.vtt: 4 subtitle cues have impossible or unreadable start times \(first: cue 1, "00:00:60\.000/m);
    expect(warned(p, /not in the imported text/)).toBe(false);
  });

  it('counts the words of the source that are missing from a stored text, and says where', () => {
    const source = [
      { number: 3, text: 'Client: I went very still.' },
      { number: 4, text: 'I could feel it in my shoulders.' },
      { number: 9, text: 'And then she slowed down.' },
    ];
    const lost = lostWords(source, 'Client: I went very still. And then she slowed down.');
    expect(lost).toEqual({ count: 7, lines: [4], sample: ['I', 'could', 'feel', 'it', 'in', 'my', 'shoulders'] });
    expect(lostWordsWarning(lost)).toMatch(/^7 words of the file are not in the imported text \(line 4: "I could feel it in my shoulders"\)/);
    expect(lostWordsWarning(lostWords(source, source.map((s) => s.text).join(' ')))).toBeNull();
    // A word said twice must be found twice.
    expect(lostWords([{ number: 1, text: 'no no no' }], 'no').count).toBe(2);
  });

  it('takes timings, numbers, ids, NOTE blocks, markup and per-cue names out of the words a subtitle file must keep', () => {
    const lines = cueSourceLines('WEBVTT Kind: captions\n\nNOTE made by hand\n\nab-1\n00:00:01.000 --> 00:00:02.000 align:start\n<v Ana>Ready &amp; set</v>\n\n2\n00:00:03.000 --> 00:00:04.000\nAna: Go.');
    expect(lines.map((l) => [l.number, words(l.text).join(' ')])).toEqual([
      [7, 'Ready set'],
      [11, 'Go.'],
    ]);
  });
});

describe('2. WebVTT and SRT as services write them', () => {
  const zoom = (body: string) => parse(`WEBVTT\n\n${body}`, 'call.vtt');

  it('reads short timings: hours optional, one or two digits a field, one to three fraction digits', () => {
    expect([cueTime('0:0:0.0'), cueTime('0:0:0.570'), cueTime('1:2.5'), cueTime('00:01:02,25'), cueTime('1:00:00.000')]).toEqual([0, 0.57, 62.5, 62.25, 3600]);
    expect([cueTime('00:00:60.000'), cueTime('00:61:00.000'), cueTime('soon')]).toEqual(['impossible', 'impossible', null]);
    const p = zoom('0:0:0.0 --> 0:0:0.570\nAna: Hello.\n\n0:0:1.2 --> 0:0:3.0\nBo: Hi, Ana.\n\n0:1:5.25 --> 0:1:7.0\nAna: Shall we?');
    expect(p.format).toBe('vtt');
    expect(p.turns.map((t) => [t.speaker, t.interviewTime])).toEqual([
      ['Ana', 0],
      ['Bo', 1.2],
      ['Ana', 65.25],
    ]);
    // Without the WEBVTT header, the short timings still announce subtitles.
    expect(parse('1\n0:0:0.0 --> 0:0:0.570\nAna: Hello.\n\n2\n0:0:1.2 --> 0:0:3.0\nBo: Hi.', 'export.txt').format).toBe('srt');
  });

  it('takes "Name:" at the start of a cue as that cue\'s speaker, even a name that speaks once', () => {
    const cues = [];
    for (let i = 0; i < 6; i++) cues.push(`Interviewer: Question ${i}?`, `Client: Answer ${i}.`);
    cues.splice(5, 0, 'Dr Mensah: Sorry to cut in, my screen froze.');
    const p = zoom(cues.map((c, i) => `00:00:${String(i * 4).padStart(2, '0')}.000 --> 00:00:${String(i * 4 + 3).padStart(2, '0')}.000\n${c}`).join('\n\n'));
    const guest = p.turns.find((t) => t.speaker === 'Dr Mensah');
    expect(guest && p.text.slice(guest.start, guest.end)).toBe('Sorry to cut in, my screen froze.');
    expect(p.turns.filter((t) => t.speaker === 'Client')).toHaveLength(6);
    // A sentence with a colon in it names nobody.
    const q = zoom('00:01.000 --> 00:02.000\nAna: Right.\n\n00:03.000 --> 00:04.000\nBo: Here.\n\n00:05.000 --> 00:06.000\nAna: Go on.\n\n00:07.000 --> 00:08.000\nBo: And what she said was: no.');
    expect(q.turns.map((t) => t.speaker)).toEqual(['Ana', 'Bo', 'Ana', 'Bo']);
  });

  it('gives cues without a name to the previous speaker, counted in a warning, and names nobody for leading ones', () => {
    const p = zoom(
      '00:00.000 --> 00:01.000\nis this on?\n\n00:02.000 --> 00:03.000\nAna: Where shall we stop?\n\n00:04.000 --> 00:05.000\nBo: Here.\n\n' +
        '00:05.500 --> 00:06.000\nBecause it hurt.\n\n00:06.500 --> 00:07.000\nA lot.\n\n00:08.000 --> 00:09.000\nAna: Say more.\n\n00:10.000 --> 00:11.000\nBo: Later.',
    );
    expect(said(p)).toEqual([
      ['Speaker', 'is this on?'],
      ['Ana', 'Where shall we stop?'],
      ['Bo', 'Here. Because it hurt. A lot.'],
      ['Ana', 'Say more.'],
      ['Bo', 'Later.'],
    ]);
    expect(warned(p, /2 cues without a speaker name were given to the speaker of the cue before \(first: cue 4\)/)).toBe(true);
    expect(warned(p, /The first cue names no speaker/)).toBe(true);
  });

  it('keeps every cue\'s time in a 30-minute monologue of 260 cues, so playback can reach any sentence', () => {
    const cues: string[] = [];
    for (let i = 0; i < 260; i++) {
      const start = i * 7; // a cue every 7 s, 6.5 s long: no pauses
      const t = (s: number) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}.${s % 1 ? '500' : '000'}`;
      cues.push(`${i + 1}\n00:${t(start)} --> 00:${t(start + 6.5)}\nThis is sentence ${i + 1} of what I remember about the session.`);
    }
    const p = parse(`WEBVTT\n\n${cues.join('\n\n')}`, 'D31_S1_client.vtt');
    expect(p.noSpeakerLabels).toBe(true);
    const times = p.turns.flatMap((t) => (t.timePoints ?? [{ offset: t.start, time: t.interviewTime! }]).map((tp) => tp.time));
    expect(times).toHaveLength(260);
    expect(new Set(times).size).toBe(260);
    expect(times[259]).toBe(259 * 7);
    // Each time point is where its sentence begins.
    for (const t of p.turns) for (const tp of t.timePoints ?? []) expect(p.text.slice(tp.offset)).toMatch(/^This is sentence \d+ /);
    const last = p.turns.at(-1)!.timePoints!.at(-1)!;
    expect(p.text.slice(last.offset, last.offset + 22)).toBe('This is sentence 260 o');
    expect(p.turns.length).toBeGreaterThan(1); // parted into paragraphs, not one 30-minute turn
  });

  it('keeps the time of each cue of one speaker\'s long turn in SRT, and parts an unnamed monologue at pauses', () => {
    const p = parse(
      '1\n00:00:01,000 --> 00:00:03,000\nInterviewer: Go on.\n\n2\n00:00:04,000 --> 00:00:06,000\nTherapist: I was waiting.\n\n' +
        '3\n00:00:06,500 --> 00:00:09,000\nI did not want to push.\n\n4\n00:00:09,500 --> 00:00:12,000\nTherapist: Then she spoke.',
      'x.srt',
    );
    const t = p.turns[1]!;
    expect(t.timePoints?.map((tp) => [p.text.slice(tp.offset, tp.offset + 6), tp.time])).toEqual([
      ['I was ', 4],
      ['I did ', 6.5],
      ['Then s', 9.5],
    ]);
    const mono = parse('1\n00:00:00,000 --> 00:00:02,000\nFirst thought.\n\n2\n00:00:02,100 --> 00:00:04,000\nStill first.\n\n3\n00:00:09,000 --> 00:00:11,000\nAfter a pause.', 'notes.srt');
    expect(said(mono)).toEqual([
      ['Speaker', 'First thought. Still first.'],
      ['Speaker', 'After a pause.'],
    ]);
  });
});

describe('3. transcripts without speaker labels', () => {
  it('imports a monologue as one speaker, paragraph by paragraph, with clocks and markers in place', () => {
    const p = parse(
      'Recall notes, client, dyad 30.\n\n00:02:10\nThe first thing I remember is the silence at the start.\nIt felt long.\n\n' +
        '[video 00:04:00] Then she asked about work and I changed the subject.\n\nI think I was ashamed.',
    );
    expect(said(p)).toEqual([
      ['Speaker', 'Recall notes, client, dyad 30.'],
      ['Speaker', 'The first thing I remember is the silence at the start.\nIt felt long.'],
      ['Speaker', '[video 00:04:00] Then she asked about work and I changed the subject.'],
      ['Speaker', 'I think I was ashamed.'],
    ]);
    expect(p.turns[1]!.interviewTime).toBe(130);
    expect(p.moments.map((m) => m.sessionTime)).toEqual([240]);
    expect(p.noSpeakerLabels).toBe(true);
    expect(warned(p, /^D30_S1_client\.txt: No speaker labels found: imported as one speaker \("Speaker"\), 4 paragraphs as turns/)).toBe(true);
  });

  it('takes each line for a paragraph when the text has no blank lines (dictated notes, a Word file)', () => {
    const p = parse('She came in late.\nWe started with the week.\nI noticed I was tired.');
    expect(p.turns).toHaveLength(3);
    const docx = parseTranscript('One.\n\nTwo.\nThree.', { fileName: 'n.docx', format: 'docx' });
    expect(said(docx).map(([, w]) => w)).toEqual(['One.', 'Two.', 'Three.']);
  });
});

describe('4. labels as people type them', () => {
  it.each([
    ['a space before the colon', 'Interviewer1 : Where?\nInterviewee1 : Here.\nInterviewer1 : Why?\nInterviewee1 : It hurt.', ['Interviewer1', 'Interviewee1']],
    ['French typography', 'Intervieweur\u00a0: Où\u202f?\nClient\u00a0: Ici.\nIntervieweur\u00a0: Pourquoi\u00a0?\nClient\u00a0: Ça faisait mal.', ['Intervieweur', 'Client']],
    ['a number parted from the role word', 'Interviewer 2: Where?\nInterviewee 1: Here.\nInterviewer 2: Why?\nInterviewee 1: It hurt.', ['Interviewer 2', 'Interviewee 1']],
    ['lower case', 'interviewer: where?\nparticipant: here.\ninterviewer: why?\nparticipant: it hurt.', ['interviewer', 'participant']],
    ['IR/IE initials', 'IR: Where?\nIE: Here.\nIR: Why?\nIE: It hurt.', ['IR', 'IE']],
    ['a number glued on in lower case', 'interviewer2: where?\nresp1: here.\ninterviewer2: why?\nresp1: it hurt.', ['interviewer2', 'resp1']],
  ])('reads %s', (_, text, [a, b]) => {
    const p = parse(text);
    expect(p.turns.map((t) => t.speaker)).toEqual([a, b, a, b]);
    expect(said(p)[3]![1]).toMatch(/hurt|mal/);
    const roles = defaultSpeakerRoles(speakerCounts(p));
    expect([roles[a!], roles[b!]]).toEqual(['interviewer', 'participant']);
  });

  it('counts a speaker of the file\'s pattern who speaks once, and one label however its number is written', () => {
    const lines: string[] = [];
    for (let i = 0; i < 8; i++) lines.push(`Interviewer1: Question ${i}?`, `Interviewee1: Answer ${i}.`);
    lines.splice(6, 0, 'Interviewee2: I am the interpreter; she means the first week.');
    lines.push('interviewee 1: One more thing.');
    const p = parse(lines.join('\n'));
    expect(p.turns.find((t) => t.speaker === 'Interviewee2')).toBeDefined();
    expect(new Set(p.turns.map((t) => t.speaker))).toEqual(new Set(['Interviewer1', 'Interviewee1', 'Interviewee2']));
    expect(defaultSpeakerRoles(speakerCounts(p))).toEqual({ Interviewer1: 'interviewer', Interviewee1: 'participant', Interviewee2: 'participant' });
  });
});

describe('5. service boilerplate is not a speaker\'s words', () => {
  it('recognises service credits, upsells, export banners, events and page furniture, and not speech about them', () => {
    for (const line of [
      'Transcribed by https://otter.ai',
      'Transcribed by TurboScribe.ai. Go Unlimited to remove this message.',
      'This transcript was exported on 5 March 2026 - view latest version here.',
      'Ana Ruiz started transcription',
      'Page 3 of 12',
      '- 4 -',
      '*** Transcript generated by Sonix ***',
    ])
      expect(isBoilerplate(line), line).toBe(true);
    for (const line of ['Transcribed by Maria Lopez', 'I transcribed it myself with otter.ai, and it was fine really, it took ages though', 'Page turner, that book.', 'Recording stopped'])
      expect(isBoilerplate(line), line).toBe(false);
  });

  it('keeps an Otter footer out of the last turn, and a page header out of the turn it interrupts', () => {
    const p = parse(
      'Speaker 1  0:02\nWhere shall we start?\n\nSpeaker 2  0:05\nAt the beginning. I was nervous\nDyad 30 recall interview\nPage 1 of 2\nabout being filmed.\n\n' +
        'Speaker 1  0:20\nAnd then?\n\nSpeaker 2  0:24\nThen it got easier.\nDyad 30 recall interview\nPage 2 of 2\n\nTranscribed by https://otter.ai',
    );
    expect(said(p)).toEqual([
      ['Speaker 1', 'Where shall we start?'],
      ['Speaker 2', 'At the beginning. I was nervous'],
      ['Speaker 2', 'about being filmed.'],
      ['Speaker 1', 'And then?'],
      ['Speaker 2', 'Then it got easier.'],
    ]);
    expect(p.text).toContain('Transcribed by https://otter.ai'); // kept in the text, outside the turns
    expect(p.warnings.join('\n')).toMatch(/5 lines added by a transcription service or word processor were kept out of the turns: "Dyad 30 recall interview" \(lines 6, 15\), "Page 1 of 2" \(line 7\), "Page 2 of 2" \(line 16\)/);
    expect(findBoilerplateLines(p.text).map((b) => b.text)).toContain('Transcribed by https://otter.ai');
  });

  it('keeps a credit cue out of a subtitle file\'s turns', () => {
    const p = parse('1\n00:00:01,000 --> 00:00:02,000\nAna: Hello.\n\n2\n00:00:03,000 --> 00:00:04,000\nBo: Hi.\n\n3\n00:00:05,000 --> 00:00:06,000\nSubtitles created with Happy Scribe', 'x.srt');
    expect(said(p)).toEqual([
      ['Ana', 'Hello.'],
      ['Bo', 'Hi.'],
    ]);
    expect(warned(p, /kept out of the turns: "Subtitles created with Happy Scribe" \(cue 3\)/)).toBe(true);
  });
});

describe('6. clock times', () => {
  it('counts time-of-day stamps from the first, with a note, and keeps the stamps in the text', () => {
    const p = parse('[Jane] 11:02:09 Shall we begin?\n[Sam] 11:02:30 Yes.\n[Jane] 11:40:00 Last stop.\n[Sam] 11:41:15 Fine.');
    expect(p.turns.map((t) => t.interviewTime)).toEqual([0, 21, 2271, 2346]);
    expect(p.text.startsWith('[Jane] 11:02:09 Shall we begin?')).toBe(true);
    expect(warned(p, /stamped with the time of day \(the first at 11:02:09\).*counted from that first stamp/)).toBe(true);
  });

  it('reads AM/PM stamps as the time of day, past noon, keeping them in the text and out of the words', () => {
    const p = parse('[Jane] 11:02:09 AM Shall we begin?\n[Sam] 11:02:30 AM Yes.\n[Jane] 12:40:00 PM Last stop.\n[Sam] 1:01:15 p.m. Fine.');
    expect(p.turns.map((t) => t.interviewTime)).toEqual([0, 21, 5871, 7146]);
    expect(p.turns.map((t) => [t.speaker, p.text.slice(t.start, t.end)])).toEqual([
      ['Jane', 'Shall we begin?'],
      ['Sam', 'Yes.'],
      ['Jane', 'Last stop.'],
      ['Sam', 'Fine.'],
    ]);
    expect(p.text.startsWith('[Jane] 11:02:09 AM Shall we begin?')).toBe(true);
    expect(warned(p, /the first at 11:02:09/)).toBe(true);
  });

  it('goes on counting when a 12-hour clock passes one o\'clock, and leaves elapsed stamps alone', () => {
    const p = parse('[Jane] 12:58:40 Ready?\n[Sam] 12:59:50 Yes.\n[Jane] 1:01:10 Go on.\n[Sam] 1:03:00 Done.');
    expect(p.turns.map((t) => t.interviewTime)).toEqual([0, 70, 150, 260]);
    const elapsed = parse('[Jane] 00:00:05 Ready?\n[Sam] 00:00:09 Yes.\n[Jane] 01:10:00 Go on.');
    expect(elapsed.turns.map((t) => t.interviewTime)).toEqual([5, 9, 4200]);
    expect(warned(elapsed, /time of day/)).toBe(false);
  });
});

describe('7. sources that are not interviews', () => {
  it('invents no speakers from a paper\'s headings', () => {
    const p = parse(
      'Recall in brief therapy: a working paper\n\nAbstract: We compare how two sides recall one session.\n\nRQ1: Which moments do both sides stop at?\nRQ2: How do their accounts differ?\n\n' +
        'Methods: Twelve dyads were interviewed.\nEach interview was transcribed.\n\nResults: Clients stopped more often.\n\nDiscussion: Each side saw little of the other.',
      'working-paper.txt',
    );
    expect(new Set(p.turns.map((t) => t.speaker))).toEqual(new Set(['Speaker']));
    expect(p.noSpeakerLabels).toBe(true);
  });

  it('invents no speaker from a heading that recurs in field notes, nor from numbered research questions', () => {
    const notes = parse(
      'Arrived early; the room was full.\n\nReflection: I wanted to help.\n\nThe therapist shook hands with the client.\n\nReflection: That seemed formal.\n\n' +
        'After the session she said it was hard.\n\nThe client left quickly.\n\nReflection: Ask about the handshake.',
      'field-notes.txt',
    );
    expect(new Set(notes.turns.map((t) => t.speaker))).toEqual(new Set(['Speaker']));
    const rq = parse('Aims of the study\n\nRQ1: one question.\nRQ2: another question.\nRQ3: a third question.\nH1: a hypothesis.\nH2: another one.', 'aims.txt');
    expect(new Set(rq.turns.map((t) => t.speaker))).toEqual(new Set(['Speaker']));
  });

  it('still reads a short conversation between two names as a transcript', () => {
    const p = parse('Dr Okafor: What stood out?\nMs Lind: The silence.');
    expect(p.turns.map((t) => t.speaker)).toEqual(['Dr Okafor', 'Ms Lind']);
  });
});
