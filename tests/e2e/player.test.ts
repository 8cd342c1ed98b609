/**
 * The session recording and the interviews' own recordings, played in Chromium from the dyad view (issue 14):
 * a moment's Play starts the session recording at that moment, the row at the playhead is lit and followed, a
 * turn's Play starts its interview's recording at the turn's time and the words follow cue by cue, the keys work,
 * and a file Chromium cannot play says which file and which codec. Every recording is written by the test.
 */
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness';
import { importSessionPair } from './helpers/import';
import { writeHevcMp4, writeToneWav } from './helpers/media';
import { openSession, waitForStill } from './helpers/page';

type Tree = { id: string; name: string; sessions: { id: string; number: number; interviews: { id: string; role: string }[] }[] }[];

const stamp = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}.000`;
const words = (moment: number, cue: number) =>
  `At moment ${moment} cue ${cue} I remember noticing how quiet the room felt and how carefully she chose each word before answering me`;

/** The client's interview as Zoom's WebVTT: the interviewer stops the session recording at three moments; each answer runs over many cues. */
function clientVtt(): string {
  const cues: string[] = [];
  let t = 1;
  let n = 1;
  const cue = (text: string) => {
    cues.push(`${n++}\n${stamp(t)} --> ${stamp(t + 3.5)}\n${text}`);
    t += 4;
  };
  [10, 60, 110].forEach((session, m) => {
    cue(`I: [video ${stamp(session).slice(0, 8)}] What was going on for you here?`);
    for (let c = 1; c <= 12; c++) cue(`C: ${words(m + 1, c)}`);
  });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

const therapistTxt = () =>
  [12, 62, 112]
    .map((s, m) => `I: [video ${stamp(s).slice(0, 8)}] And here?\n\nT: ${`Moment ${m + 1}: I was aware of holding back and of wanting to give her room. `.repeat(14)}`)
    .join('\n\n');

const videoCurrent = (h: Harness) => h.page.locator('.player__video').evaluate((v: HTMLVideoElement) => ({ time: v.currentTime, paused: v.paused, src: v.currentSrc }));

describe('playing the recordings from the dyad view', () => {
  let h: Harness;
  let sessionId: string;
  let clientId: string;

  beforeAll(async () => {
    h = await startHarness({ project: 'empty', viewport: { width: 1300, height: 640 } });
    await importSessionPair(h, '7', 1, { client: ['D07_S1_client.vtt', clientVtt()], therapist: ['D07_S1_therapist.txt', therapistTxt()] });
    const tree = await h.api<Tree>('dyads.list', {});
    const session = tree.find((d) => d.name === '7')!.sessions[0]!;
    sessionId = session.id;
    clientId = session.interviews.find((i) => i.role === 'client')!.id;
    const recording = join(h.dir, 'D07_S1 session.wav');
    writeToneWav(recording, 150);
    await h.api('sessions.update', { sessionId, recordingPath: recording });
    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
    await openSession(h.page, '7', 1);
  });

  afterAll(async () => {
    await h?.close();
  });

  it("plays the session recording from a moment's time, from that side's Play button", async () => {
    const { page } = h;
    // The player comes once the session's recordings are listed, a call after the rows: waited for, then counted.
    await page.locator('.player').first().waitFor();
    await expect(page.locator('.player').count()).resolves.toBe(1);
    const play = page.getByRole('button', { name: 'Play the recording from 00:01:00' });
    await play.click();
    await expect.poll(async () => {
      const v = await videoCurrent(h);
      return !v.paused && Math.abs(v.time - 60) < 1;
    }).toBe(true);
    // The time in session time, and the row of that moment lit.
    await expect.poll(() => page.locator('.player__now').innerText()).toMatch(/^00:01:0\d$/);
    await expect(page.locator('.row.is-playhead .gutter__time').innerText()).resolves.toBe('00:01:01');
    // A sound file gets the compact bar, not a black picture.
    await expect(page.locator('.player').getAttribute('class')).resolves.toContain('player--audio');
    await h.screenshot('player-moment');
  });

  it('the therapist side plays from its own session time; pause, back and forward 5 s, speed', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Play the recording from 00:00:12' }).click();
    await expect.poll(async () => Math.abs((await videoCurrent(h)).time - 12) < 1).toBe(true);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(async () => (await videoCurrent(h)).paused).toBe(true);
    const before = (await videoCurrent(h)).time;
    await page.getByRole('button', { name: 'Forward 5 seconds' }).click();
    await expect.poll(async () => (await videoCurrent(h)).time - before).toBeCloseTo(5, 1);
    await page.getByRole('button', { name: 'Back 5 seconds' }).click();
    await expect.poll(async () => (await videoCurrent(h)).time - before).toBeCloseTo(0, 1);
    await page.getByLabel('Speed').selectOption('1.5');
    await expect(page.locator('.player__video').evaluate((v: HTMLVideoElement) => v.playbackRate)).resolves.toBe(1.5);
    await page.getByLabel('Speed').selectOption('1');
  });

  it('keys: Ctrl+Space plays and pauses, Alt+→ and Alt+← skip 5 s, from the transcript', async () => {
    const { page } = h;
    await page.locator('#transcript').focus();
    await page.keyboard.press('Control+Space');
    await expect.poll(async () => (await videoCurrent(h)).paused).toBe(false);
    await page.keyboard.press('Control+Space');
    await expect.poll(async () => (await videoCurrent(h)).paused).toBe(true);
    const before = (await videoCurrent(h)).time;
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(async () => (await videoCurrent(h)).time - before).toBeCloseTo(5, 1);
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(async () => (await videoCurrent(h)).time - before).toBeCloseTo(0, 1);
    // Listed where the researcher looks for them.
    await page.locator('.player__keys summary').click();
    await expect(page.locator('.player__keylist').innerText()).resolves.toMatch(/Ctrl\+Space\s+Play or pause the recording[\s\S]*Alt\+←\s+Back 5 seconds[\s\S]*Alt\+→\s+Forward 5 seconds/);
    await h.screenshot('player-keys');
    await page.locator('.player__keys summary').click();
  });

  it('the view follows the playhead to a moment below the fold, and stops following when Follow is off', async () => {
    const { page } = h;
    await page.locator('#transcript').evaluate((el) => (el.scrollTop = 0));
    /** Whether any of the row whose gutter says `label` shows in the scrolling list. */
    const inView = (label: string) =>
      page.evaluate((label) => {
        const list = document.querySelector('#transcript')!.getBoundingClientRect();
        const row = Array.from(document.querySelectorAll('.row')).find((r) => r.querySelector('.gutter__time')?.textContent === label);
        if (!row) return false;
        const r = row.getBoundingClientRect();
        return r.bottom > list.top + 40 && r.top < list.bottom;
      }, label);
    await expect(inView('00:01:51')).resolves.toBe(false);
    await page.locator('.player__video').evaluate((v: HTMLVideoElement) => (v.currentTime = 113));
    await expect.poll(() => page.locator('.row.is-playhead .gutter__time').innerText()).toBe('00:01:51');
    await expect.poll(() => inView('00:01:51')).toBe(true);
    await h.screenshot('player-follow');

    await page.getByLabel('Follow').uncheck();
    await page.locator('#transcript').evaluate((el) => (el.scrollTop = 0));
    await page.locator('.player__video').evaluate((v: HTMLVideoElement) => (v.currentTime = 62));
    await expect.poll(() => page.locator('.row.is-playhead .gutter__time').innerText()).toBe('00:01:01');
    await expect(page.locator('#transcript').evaluate((el) => el.scrollTop)).resolves.toBe(0);
    await page.getByLabel('Follow').check();
  });

  it("a turn plays its interview's own recording from the turn's interview time, and the words follow cue by cue", async () => {
    const { page } = h;
    const audio = join(h.dir, 'D07_S1 client interview.wav');
    writeToneWav(audio, 170, 330);
    // The session recording stops first: playing with Follow on, the view would scroll away from the turn.
    await page.locator('.player__video').evaluate((v: HTMLVideoElement) => v.pause());
    await h.api('interviews.setAudio', { interviewId: clientId, audioPath: audio });
    // The second moment's answer: its first cue starts at 57 s of the interview (cue 15, 4 s apart from 1 s).
    const turn = page.locator('.cell--client .turn', { hasText: words(2, 1) });
    const play = turn.getByRole('button', { name: 'Play the client interview from 00:00:57' });
    // The button comes with the recording, once the view has heard of it; the hover tools show on hover. Hovered and
    // clicked in one try: the view may still move (rows re-measured), taking the turn from under the mouse and its
    // tools out of sight between a hover and a later click.
    await expect
      .poll(async () => {
        await waitForStill(page);
        await turn.scrollIntoViewIfNeeded();
        await turn.hover();
        if (!(await play.isVisible())) return false;
        return play.click({ timeout: 2_000 }).then(
          () => true,
          () => false,
        );
      })
      .toBe(true);
    await expect.poll(async () => {
      const v = await videoCurrent(h);
      return !v.paused && Math.abs(v.time - 57) < 1 && v.src.includes('client%20interview');
    }).toBe(true);
    await expect(page.locator('.player__what').innerText()).resolves.toBe('Client interview');
    await expect.poll(() => page.locator('.spoken').first().innerText()).toContain('cue 1 I remember');
    // Later in the same turn, the highlight moves to the cue being said.
    await page.locator('.player__video').evaluate((v: HTMLVideoElement) => (v.currentTime = 57 + 4 * 5 + 1));
    await expect.poll(() => page.locator('.spoken').first().innerText()).toContain('At moment 2 cue 6 I remember');
    await expect(page.locator('.row.is-playhead').count()).resolves.toBe(0);
    await h.screenshot('player-interview');
    // Back to the session recording from a moment.
    await page.getByRole('button', { name: 'Play the recording from 00:00:10' }).click();
    await expect.poll(async () => Math.abs((await videoCurrent(h)).time - 10) < 1 && (await videoCurrent(h)).src.includes('session')).toBe(true);
    expect(h.pageErrors).toEqual([]);
  });

  it('a recording Chromium cannot play says which file and which codec, instead of a silent black player', async () => {
    const { page } = h;
    const broken = join(h.dir, 'D07_S1 from the phone.mp4');
    writeHevcMp4(broken);
    await h.api('sessions.update', { sessionId, recordingPath: broken });
    // The new recording is loaded in the old one's place, and found wanting before anyone presses Play.
    await expect.poll(() => page.locator('.player__what').getAttribute('title')).toBe(broken);
    const alert = page.locator('.player__problem');
    await expect.poll(() => alert.count()).toBe(1);
    await page.getByRole('button', { name: 'Play the recording from 00:00:10' }).click();
    await expect.poll(() => alert.count()).toBe(1);
    const text = await alert.innerText();
    expect(text).toContain('D07_S1 from the phone.mp4');
    expect(text).toContain('HEVC (H.265) (hvc1)');
    // Play is turned off with the message (a render later, at times).
    await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).isDisabled()).toBe(true);
    await h.screenshot('player-unplayable');
    h.pageErrors.length = 0;
  });

  it('says where a missing recording was looked for, and finds it again in a folder the researcher names', async () => {
    const { page } = h;
    const recording = join(h.dir, 'D07_S1 session.wav');
    await h.api('sessions.update', { sessionId, recordingPath: recording });
    await expect.poll(() => page.locator('.player__what').getAttribute('title')).toBe(recording);
    // The study folder is reorganised: the recording moves into a folder of its own.
    const moved = join(h.dir, 'Recordings', 'Dyad 7');
    mkdirSync(moved, { recursive: true });
    renameSync(recording, join(moved, 'D07_S1 session.wav'));
    await page.reload();
    await page.locator('.tree__dyad').first().waitFor();
    await openSession(page, '7', 1);
    await page.getByRole('button', { name: 'Play the recording from 00:01:00' }).click();
    await expect.poll(() => page.locator('.player__problem').innerText()).toContain(`Dyad looked at ${recording}`);
    await h.screenshot('player-missing');
    await page.getByLabel('Folder to search for missing recordings').fill(join(h.dir, 'Recordings'));
    await page.getByRole('button', { name: 'Find recordings' }).click();
    await page.locator('.toast--success', { hasText: /^Found 1 recording: / }).waitFor();
    await h.screenshot('player-relinked');
    // Found where it is now: it plays from the moment, and the project remembers the new place.
    await expect.poll(() => page.locator('.player__problem').count()).toBe(0);
    await page.getByRole('button', { name: 'Play the recording from 00:01:00' }).click();
    await expect.poll(async () => {
      const v = await videoCurrent(h);
      return !v.paused && Math.abs(v.time - 60) < 1;
    }).toBe(true);
    const media = await h.api<{ sessionId: string | null; found: boolean; resolvedPath: string }[]>('media.list', {});
    expect(media.find((m) => m.sessionId === sessionId)).toMatchObject({ found: true, resolvedPath: join(moved, 'D07_S1 session.wav') });
  });
});

describe('the demo study plays at once', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ project: 'demo', viewport: { width: 1400, height: 900 } });
    await h.page.goto(h.server.url);
    await h.page.locator('.tree__dyad').first().waitFor();
    await openSession(h.page, '1', 1);
  });

  afterAll(async () => {
    await h?.close();
  });

  it("dyad 1, session 1: its session video plays from 00:12:34 with the picture showing, and the client's interview from a turn", async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Play the recording from 00:12:34' }).click();
    await expect.poll(async () => {
      const v = await videoCurrent(h);
      return !v.paused && Math.abs(v.time - 754) < 1;
    }).toBe(true);
    await expect(page.locator('.player').getAttribute('class')).resolves.toContain('player--video');
    await expect(page.locator('.player__video').evaluate((v: HTMLVideoElement) => v.videoWidth)).resolves.toBe(320);
    await expect.poll(() => page.locator('.row.is-playhead .gutter__time').innerText()).toMatch(/^00:12:3\d$/);
    await h.screenshot('player-demo-video');

    const turn = page.locator('.cell--client .turn', { hasText: 'She looked at the clock' }).first();
    await turn.scrollIntoViewIfNeeded();
    await turn.hover();
    const play = turn.getByRole('button', { name: /^Play the client interview from 00:0\d:\d\d$/ });
    const at = (await play.getAttribute('aria-label'))!.match(/(\d\d):(\d\d):(\d\d)$/)!.slice(1).map(Number);
    await play.click();
    const seconds = at[0]! * 3600 + at[1]! * 60 + at[2]!;
    await expect.poll(async () => {
      const v = await videoCurrent(h);
      return !v.paused && v.time >= seconds && v.time < seconds + 2 && v.src.includes('D01_S1_client.ogg');
    }).toBe(true);
    await expect.poll(() => page.locator('.spoken').first().innerText()).toContain('She looked at the clock');
    await expect(page.locator('.player').getAttribute('class')).resolves.toContain('player--audio');
    expect(h.pageErrors).toEqual([]);
  });
});
