/**
 * The one check behind both ways recordings reach the player (the app's protocol and `dyad serve`): attached files
 * only, plain absolute paths only, and Range answered as RFC 9110 says.
 */
import { describe, expect, it } from 'vitest';
import { answerMediaRequest, parseRange } from '../../../electron/core/media-range';
import { storedMediaPath, resolveMediaPath } from '../../../electron/core/media';

const attached = '/study/recordings/D04_S1.mp4';
const ask = (path: string | null, range?: string) =>
  answerMediaRequest({ path, range, isAttached: (p) => p === attached, sizeOf: (p) => (p === attached ? 5000 : null) });

describe('answerMediaRequest', () => {
  it('serves an attached file whole as video/mp4, and a range as 206 with Content-Range', () => {
    expect(ask(attached)).toMatchObject({ status: 200, start: 0, end: 4999, headers: { 'Content-Type': 'video/mp4', 'Content-Length': '5000' } });
    expect(ask(attached, 'bytes=0-1023')).toMatchObject({ status: 206, start: 0, end: 1023, headers: { 'Content-Range': 'bytes 0-1023/5000', 'Content-Length': '1024' } });
    expect(ask(attached, 'bytes=4000-99999')).toMatchObject({ status: 206, start: 4000, end: 4999 });
  });

  it('refuses what is not attached, relative paths and `..`, and names nothing on the disk', () => {
    for (const p of ['/study/study.dyad', '/etc/passwd', 'recordings/D04_S1.mp4', '/study/x/../recordings/D04_S1.mp4', '/study/recordings/./D04_S1.mp4']) {
      expect(ask(p).status, p).toBe(403);
    }
    expect(ask(null).status).toBe(400);
  });

  it('416 past the end, with the size', () => {
    expect(ask(attached, 'bytes=5000-')).toMatchObject({ status: 416, headers: { 'Content-Range': 'bytes */5000' } });
  });

  it('an attached file that is gone is 404, saying where it was looked for', () => {
    const r = answerMediaRequest({ path: attached, range: null, isAttached: () => true, sizeOf: () => null });
    expect(r).toMatchObject({ status: 404, message: expect.stringContaining(attached) });
  });
});

describe('parseRange', () => {
  it('reads the three forms and ignores several ranges', () => {
    expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-5', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=0-1,5-9', 100)).toBeNull();
    expect(parseRange('bytes=20-10', 100)).toBe('unsatisfiable');
  });
});

describe('stored recording paths', () => {
  it('are relative with / inside the project folder, absolute outside it, and resolve back', () => {
    expect(storedMediaPath('/study/study.dyad', '/study/recordings/a.mp4')).toBe('recordings/a.mp4');
    expect(storedMediaPath('/study/study.dyad', '/elsewhere/a.mp4')).toBe('/elsewhere/a.mp4');
    expect(storedMediaPath('/study/study.dyad', '/study-other/a.mp4')).toBe('/study-other/a.mp4');
    expect(resolveMediaPath('/moved/study.dyad', 'recordings/a.mp4')).toBe('/moved/recordings/a.mp4');
    expect(resolveMediaPath('/moved/study.dyad', 'D:\\Study\\a.mp4')).toBe('D:\\Study\\a.mp4');
  });
});
