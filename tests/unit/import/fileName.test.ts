import { describe, expect, it } from 'vitest';
import { DyadError } from '../../../shared/api/errors';
import { DEFAULT_SETTINGS } from '../../../shared/domain/types';
import { parseFileName } from '../../../shared/import/fileName';

const def = DEFAULT_SETTINGS.fileNamePattern;

describe('parseFileName', () => {
  it.each([
    ['D04_S1_client.docx', { dyad: '4', session: 1, role: 'client' }],
    ['D4_S1_Client.txt', { dyad: '4', session: 1, role: 'client' }],
    ['d04-s01-therapist.vtt', { dyad: '4', session: 1, role: 'therapist' }],
    ['D10 S2 TH.srt', { dyad: '10', session: 2, role: 'therapist' }],
    ['D10_S2_pt', { dyad: '10', session: 2, role: 'client' }],
    ['D10_S2_counsellor.docx', { dyad: '10', session: 2, role: 'therapist' }],
    ['D10_S2_counselor.docx', { dyad: '10', session: 2, role: 'therapist' }],
    ['D10_S2_C.docx', { dyad: '10', session: 2, role: 'client' }],
    ['D10_S2_T.docx', { dyad: '10', session: 2, role: 'therapist' }],
    ['D10_S2_interpreter.docx', { dyad: '10', session: 2, role: 'other' }],
    ['D10__S2__client.docx', { dyad: '10', session: 2, role: 'client' }],
    ['D10_S2_client_v2 final.docx', { dyad: '10', session: 2, role: 'client' }],
    ['DA_S3_patient.docx', { dyad: 'A', session: 3, role: 'client' }],
    ['D0_S1_client.docx', { dyad: '0', session: 1, role: 'client' }],
    ['/home/r/study/D07_S3_therapist.docx', { dyad: '7', session: 3, role: 'therapist' }],
  ])('reads %s', (name, expected) => {
    expect(parseFileName(name, def)).toEqual(expected);
  });

  it.each(['notes.docx', 'D04_client.docx', 'D04_S1_notes.docx', 'S1_D04_client.docx', 'D04_Sx_client.docx'])(
    'proposes nothing for %s',
    (name) => {
      expect(parseFileName(name, def)).toBeNull();
    },
  );

  it('follows a project pattern in another order and with other separators', () => {
    expect(parseFileName('client-dyad12-session3.docx', '{role}-dyad{dyad}-session{session}')).toEqual({
      dyad: '12',
      session: 3,
      role: 'client',
    });
    expect(parseFileName('P012 T2 therapist.docx', 'P{dyad} T{session} {role}')).toEqual({ dyad: '12', session: 2, role: 'therapist' });
  });

  it('reads placeholders with no separator between them', () => {
    expect(parseFileName('D04S2client.docx', 'D{dyad}S{session}{role}')).toEqual({ dyad: '4', session: 2, role: 'client' });
  });

  it('proposes role "other" when the pattern has no {role}', () => {
    expect(parseFileName('D3_S1.docx', 'D{dyad}_S{session}')).toEqual({ dyad: '3', session: 1, role: 'other' });
  });

  it('takes regular-expression characters in the pattern literally', () => {
    expect(parseFileName('(D3).S1.client.docx', '(D{dyad}).S{session}.{role}')).toEqual({ dyad: '3', session: 1, role: 'client' });
    expect(parseFileName('D3xS1xclient.docx', '(D{dyad}).S{session}.{role}')).toBeNull();
  });

  it('refuses a pattern that cannot name a dyad and a session, or has an unknown placeholder', () => {
    expect(() => parseFileName('x.docx', '{role}')).toThrow(DyadError);
    expect(() => parseFileName('x.docx', 'D{dyad}_S{sesion}')).toThrow(/\{sesion\}/);
  });
});
