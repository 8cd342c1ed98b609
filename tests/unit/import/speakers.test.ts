import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../shared/import/parse';
import { defaultSpeakerRoles, speakerCounts } from '../../../shared/import/speakers';

const roles = (...labels: string[]) => defaultSpeakerRoles(labels.map((label) => ({ label, turns: 10 })));

describe('defaultSpeakerRoles', () => {
  it.each([
    [['I', 'P'], { I: 'interviewer', P: 'participant' }],
    [['Interviewer', 'Client'], { Interviewer: 'interviewer', Client: 'participant' }],
    [['Int', 'Therapist'], { Int: 'interviewer', Therapist: 'participant' }],
    [['Researcher', 'Participant'], { Researcher: 'interviewer', Participant: 'participant' }],
    [['Q', 'A'], { Q: 'interviewer', A: 'participant' }],
    [['I', 'C', 'T'], { I: 'interviewer', C: 'participant', T: 'participant' }],
    [['Interviewer 2', 'P1'], { 'Interviewer 2': 'interviewer', P1: 'participant' }],
    [['I', 'Pt'], { I: 'interviewer', Pt: 'participant' }],
    [['I', 'Th'], { I: 'interviewer', Th: 'participant' }],
    [['I', 'Respondent'], { I: 'interviewer', Respondent: 'participant' }],
    [['I', 'B'], { I: 'interviewer', B: 'participant' }],
    [['Interviewerin', 'Klientin'], { Interviewerin: 'interviewer', Klientin: 'participant' }],
    [['Entrevistadora', 'Terapeuta'], { Entrevistadora: 'interviewer', Terapeuta: 'participant' }],
  ])('%j', (labels, expected) => {
    expect(roles(...labels)).toEqual(expected);
  });

  it('reads "R" as the Respondent next to an interviewer label', () => {
    expect(roles('I', 'R')).toEqual({ I: 'interviewer', R: 'participant' });
  });

  it('reads "R" as the Researcher when the other label already names the participant', () => {
    expect(roles('R', 'P')).toEqual({ R: 'interviewer', P: 'participant' });
    expect(roles('R', 'Client')).toEqual({ R: 'interviewer', Client: 'participant' });
  });

  it('leaves an interpreter neither interviewer nor participant', () => {
    expect(roles('I', 'P', 'Interpreter')).toEqual({ I: 'interviewer', P: 'participant', Interpreter: 'unknown' });
  });

  it('makes names participants when a known label is the interviewer', () => {
    expect(roles('I', 'Dr Okafor')).toEqual({ I: 'interviewer', 'Dr Okafor': 'participant' });
  });

  it('picks the name that asks and talks less as the interviewer', () => {
    const r = defaultSpeakerRoles([
      { label: 'Tom Becker', turns: 20, questions: 2, words: 2400 },
      { label: 'Priya Natarajan', turns: 21, questions: 17, words: 380 },
    ]);
    expect(r).toEqual({ 'Priya Natarajan': 'interviewer', 'Tom Becker': 'participant' });
  });

  it('does the same for generic "Speaker 1/2" labels, whichever comes first', () => {
    const r = defaultSpeakerRoles([
      { label: 'Speaker 1', turns: 12, questions: 1, words: 900 },
      { label: 'Speaker 2', turns: 12, questions: 10, words: 150 },
    ]);
    expect(r).toEqual({ 'Speaker 1': 'participant', 'Speaker 2': 'interviewer' });
  });

  it('without counts, takes a lone name beside a known participant for the interviewer, and otherwise says unknown', () => {
    expect(roles('Sam', 'Client')).toEqual({ Sam: 'interviewer', Client: 'participant' });
    expect(roles('Sam', 'Alex')).toEqual({ Sam: 'unknown', Alex: 'unknown' });
  });

  it('works from a parsed transcript through speakerCounts', () => {
    const p = parseTranscript(
      'Ana: What did you notice here?\nBo: I noticed that I had stopped breathing for a moment and felt very small in the chair.\n' +
        'Ana: And then?\nBo: Then it passed, slowly, once she spoke again and the room felt bigger.',
      { fileName: 'x.txt' },
    );
    const counts = speakerCounts(p);
    expect(counts).toEqual([
      { label: 'Ana', turns: 2, questions: 2, words: 7 },
      { label: 'Bo', turns: 2, questions: 0, words: 30 },
    ]);
    expect(defaultSpeakerRoles(counts)).toEqual({ Ana: 'interviewer', Bo: 'participant' });
  });
});
