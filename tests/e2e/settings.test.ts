import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DyadError } from '../../shared/api/errors';
import {
  addedSentence,
  addsPatterns,
  fieldProblems,
  foundSentence,
  patternProblem,
  readPatternLines,
  tryLine,
} from '../../renderer/src/components/common/markerPatterns';
import { startHarness, type Harness } from './helpers/harness';
import { importSessionPair } from './helpers/import';
import { dyadItem, openSession } from './helpers/page';

type Tree = { name: string; sessions: { id: string; number: number }[] }[];
type Side = { kind: string; sessionTime: number | null; label: string } | null;
type Aligned = { rows: { client: Side; therapist: Side; match: string }[] };
type Info = { settings: { customMarkerPatterns: string[] } };

// A transcriber who marks the stops as <<hh:mm:ss>>, which Dyad does not recognise by itself…
const CLIENT = [
  'I: Thanks for coming back. We will watch the session and stop wherever you like.',
  'P: Okay. I am a bit nervous about seeing myself.',
  '<<00:02:05>>',
  'I: You stopped it here. What was going on for you?',
  'P: I wanted to say something and then decided it was not worth the trouble.',
  '<<00:12:34>>',
  'I: And here?',
  'P: She leaned forward and I felt I had to fill the silence.',
  '<<00:31:10>>',
  'I: What stands out in this moment?',
  'P: That I laughed. I laugh when it gets close.',
  '',
].join('\n');
// …and one who writes them the usual way.
const THERAPIST = [
  'I: Same as before: stop it wherever something stood out for you.',
  'P: Will do.',
  '[video 00:02:08]',
  'P: I noticed she went quiet after my question about her sister.',
  '[video 00:12:30]',
  'P: I leaned in there, I think to reassure her, and it may have been too much.',
  '[video 00:40:00]',
  'P: Here we found our rhythm again.',
  '',
].join('\n');
const OWN_FORM = String.raw`<<(\d+:\d\d:\d\d)>>`;

/**
 * A researcher whose transcriber wrote the session-time markers in a form of their own teaches Dyad that form in
 * the Settings dialog, tries it on a line, and has the interviews already imported searched again for it.
 */
describe('the project’s own session-time markers, in the Settings dialog', () => {
  let h: Harness;
  let sessionId: string;
  // When set, the core's answer to the next settings change is this refusal (a check the browser cannot make).
  let refuseNext: string | null = null;
  const aligned = () => h.api<Aligned>('sessions.align', { sessionId });
  const clientMoments = async () =>
    (await aligned()).rows.flatMap((r) => (r.client?.kind === 'moment' ? [{ time: r.client.sessionTime, label: r.client.label, paired: r.match === 'auto' ? r.therapist?.sessionTime : null }] : []));

  beforeAll(async () => {
    h = await startHarness({
      project: 'empty',
      wrapHandlers: (real) => ({
        ...real,
        'project.updateSettings': async (input, ctx) => {
          const refusal = refuseNext;
          refuseNext = null;
          if (refusal) throw new DyadError('invalid-input', refusal);
          return real['project.updateSettings'](input, ctx);
        },
      }),
    });
    const preview = await importSessionPair(h, '21', 1, { client: ['D21_S1_client.txt', CLIENT], therapist: ['D21_S1_therapist.txt', THERAPIST] });
    // What makes this worth testing: on import, the client's stops are not moments at all.
    expect(preview.items.map((i) => [i.name, i.ok, i.moments.length])).toEqual([
      ['D21_S1_client.txt', true, 0],
      ['D21_S1_therapist.txt', true, 3],
    ]);
    sessionId = (await h.api<Tree>('dyads.list', {})).find((d) => d.name === '21')!.sessions[0]!.id;
    await h.page.goto(h.server.url);
    await dyadItem(h.page, '21').waitFor();
  });

  afterAll(async () => {
    await h?.close();
  });

  async function openSettings() {
    await h.page.locator('.nav__settings').click();
    const dialog = h.page.getByRole('dialog', { name: 'Project settings' });
    await dialog.waitFor();
    return dialog;
  }

  it('checks a pattern as it is typed, tries it on a line, saves it, and adds the moments it finds as one undoable step', async () => {
    const { page } = h;
    expect(await clientMoments()).toEqual([]);
    await openSession(page, '21', 1);

    const dialog = await openSettings();
    const field = dialog.getByLabel('This project’s marker patterns, one per line');
    const save = dialog.getByRole('button', { name: 'Save' });
    const problems = dialog.locator('.settings-markers__problems');
    await expect(field.inputValue()).resolves.toBe('');

    // A bracket left open: the field says which line and why, and Save waits.
    await field.fill(String.raw`<<(\d+:\d\d:\d\d>>`);
    await expect(problems.innerText()).resolves.toBe('Line 1 is not a valid regular expression: unterminated group.');
    await expect(save.isDisabled()).resolves.toBe(true);
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await h.screenshot('settings-01-invalid-pattern');

    // Valid, but nothing says where the time is.
    await field.fill(String.raw`<<\d+:\d\d:\d\d>>`);
    await expect(problems.innerText()).resolves.toContain('Line 1 has no group for the time');
    await expect(save.isDisabled()).resolves.toBe(true);

    await field.fill(`${OWN_FORM}\n`);
    await expect(problems.isHidden()).resolves.toBe(true);
    await expect(save.isEnabled()).resolves.toBe(true);

    // Trying it on a line of the transcript: the pattern's marker, and a built-in one, each with its time.
    const tryIt = dialog.getByLabel('Try it');
    const result = dialog.locator('.settings-try__result');
    await expect(result.innerText()).resolves.toContain('Dyad shows here the markers it finds');
    await tryIt.fill('P: Yes, there. <<00:12:34>> I stopped it because of her face.');
    await expect(result.innerText()).resolves.toBe('<<00:12:34>> → session time 00:12:34 · your pattern on line 1');
    await tryIt.fill('(video 1:02:03) and then <<01:05:00>>');
    await expect(result.innerText()).resolves.toBe(
      '(video 1:02:03) → session time 01:02:03 · recognised by Dyad already\n<<01:05:00>> → session time 01:05:00 · your pattern on line 1',
    );
    // Enter in the try-it field tries; it does not save the settings behind the researcher's back.
    await tryIt.press('Enter');
    await tryIt.fill('P: <<12:34>> is how the other transcriber wrote it');
    await expect(result.innerText()).resolves.toBe('No session-time marker in this line.');
    await tryIt.fill('P: Yes, there. <<00:12:34>> I stopped it because of her face.');
    await h.screenshot('settings-02-valid-pattern-tried');
    expect((await h.api<Info>('project.info', {})).settings.customMarkerPatterns).toEqual([]);

    // The core's own refusal, if it has one, is shown and nothing closes.
    refuseNext = `The marker pattern "${OWN_FORM}" is refused for this test.`;
    await save.click();
    await expect(dialog.getByRole('alert').innerText()).resolves.toBe(`The settings were not saved: The marker pattern "${OWN_FORM}" is refused for this test.`);
    expect((await h.api<Info>('project.info', {})).settings.customMarkerPatterns).toEqual([]);

    await save.click();
    const rescan = page.getByRole('dialog', { name: 'Session-time markers saved' });
    await rescan.waitFor();
    expect((await h.api<Info>('project.info', {})).settings.customMarkerPatterns).toEqual([OWN_FORM]);
    // Saving adds nothing by itself.
    expect(await clientMoments()).toEqual([]);
    await rescan.getByRole('button', { name: 'Find moments in the imported transcripts' }).click();
    const found = rescan.getByRole('status');
    await found.filter({ hasText: /^Your patterns find/ }).waitFor();
    await expect(found.innerText()).resolves.toBe('Your patterns find 3 new recall moments in 1 interview.');
    const sample = await rescan.locator('.rescan__sample tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
    expect(sample).toEqual([
      ['D21_S1_client.txt', '<<00:02:05>>', '00:02:05'],
      ['D21_S1_client.txt', '<<00:12:34>>', '00:12:34'],
      ['D21_S1_client.txt', '<<00:31:10>>', '00:31:10'],
    ]);
    await expect(rescan.innerText()).resolves.toContain('Undo (Ctrl+Z, or Undo in the toolbar) takes them all away again.');
    // Counting wrote nothing.
    expect(await clientMoments()).toEqual([]);
    await h.screenshot('settings-03-moments-found');

    await rescan.getByRole('button', { name: 'Add them' }).click();
    // The note changes once the core has answered.
    await rescan.getByRole('status').filter({ hasText: /^Added / }).waitFor();
    await expect(rescan.getByRole('status').innerText()).resolves.toBe(
      'Added 3 recall moments in 1 interview. Undo (Ctrl+Z, or Undo in the toolbar) takes them away again.',
    );
    await h.screenshot('settings-04-moments-added');
    await rescan.locator('.modal__footer').getByRole('button', { name: 'Close' }).click();
    await rescan.waitFor({ state: 'detached' });
    // The view on screen shows them.
    await page.locator('.cell[data-side="client"][data-session-time="754"]').waitFor();
    await h.screenshot('settings-05-view-with-moments');

    // The interview now has its moments, lined up with the therapist's within the tolerance (15 s).
    expect(await clientMoments()).toEqual([
      { time: 125, label: '<<00:02:05>>', paired: 128 },
      { time: 754, label: '<<00:12:34>>', paired: 750 },
      { time: 1870, label: '<<00:31:10>>', paired: null },
    ]);

    // A second pattern that finds nothing new is said so plainly.
    const again = await openSettings();
    await expect(again.getByLabel('This project’s marker patterns, one per line').inputValue()).resolves.toBe(OWN_FORM);
    await again.getByLabel('This project’s marker patterns, one per line').fill(`${OWN_FORM}\n^TC (\\d\\d:\\d\\d:\\d\\d)`);
    await again.getByRole('button', { name: 'Save' }).click();
    const none = page.getByRole('dialog', { name: 'Session-time markers saved' });
    await none.getByRole('button', { name: 'Find moments in the imported transcripts' }).click();
    await none.getByRole('status').filter({ hasText: /^Your patterns find/ }).waitFor();
    await expect(none.getByRole('status').innerText()).resolves.toBe(
      'Your patterns find no new recall moments in the imported transcripts. They will be used for the transcripts you import from now on.',
    );
    await expect(none.getByRole('button', { name: 'Add them' }).count()).resolves.toBe(0);
    await none.locator('.modal__footer').getByRole('button', { name: 'Close' }).click();
    await none.waitFor({ state: 'detached' });

    // The toolbar's Undo takes the three moments away again, and the settings stay.
    await page.getByRole('button', { name: 'Undo Find 3 recall moments in the transcripts' }).click();
    await page.locator('.cell[data-side="client"][data-session-time="754"]').waitFor({ state: 'detached' });
    expect(await clientMoments()).toEqual([]);
    expect((await h.api<Info>('project.info', {})).settings.customMarkerPatterns).toEqual([OWN_FORM, String.raw`^TC (\d\d:\d\d:\d\d)`]);
    expect(h.pageErrors).toEqual([]);
  });

  it('says what the project file costs on disk, and offers to compact it once removals have left space free', async () => {
    const { page } = h;
    const sizes = () => h.api<{ disk: { bytes: number; reclaimableBytes: number; worthCompacting: boolean } }>('project.info', {}).then((i) => i.disk);
    let dialog = await openSettings();
    const use = dialog.getByRole('group', { name: 'Project file' });
    await expect.poll(() => use.innerText()).toMatch(/^Project file\n\d+\.\d MB on disk/);
    await expect(use.getByRole('button', { name: 'Compact the file' }).count()).resolves.toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    // A long session pair imported by mistake, then removed: its search index leaves pages free in the file.
    const long = (who: string) => Array.from({ length: 4000 }, (_, i) => `${i % 2 ? 'P' : 'I'}: ${who} line ${i} with words of its own, wording${i}, phrasing${i * 7}.`).join('\n');
    await importSessionPair(h, '22', 1, { client: ['D22_S1_client.txt', long('client')], therapist: ['D22_S1_therapist.txt', long('therapist')] });
    const tree = await h.api<Tree>('dyads.list', {});
    const extra = await h.api<{ interviews: { id: string }[] }>('sessions.get', { sessionId: tree.find((d) => d.name === '22')!.sessions[0]!.id });
    for (const iv of extra.interviews) await h.api('interviews.delete', { interviewId: iv.id });
    const free = await sizes();
    expect(free.worthCompacting).toBe(true);

    dialog = await openSettings();
    const group = dialog.getByRole('group', { name: 'Project file' });
    await expect.poll(() => group.innerText()).toContain(`${(free.bytes / 1048576).toFixed(1)} MB on disk, of which ${(free.reclaimableBytes / 1048576).toFixed(1)} MB is space left free by removals.`);
    await h.screenshot('settings-06-compact-offered');
    await group.getByRole('button', { name: 'Compact the file' }).click();
    await group.getByRole('status').waitFor();
    const after = await sizes();
    expect(after.bytes).toBeLessThan(free.bytes);
    await expect(group.getByRole('status').innerText()).resolves.toBe(`Compacted: ${(free.bytes / 1048576).toFixed(1)} MB → ${(after.bytes / 1048576).toFixed(1)} MB.`);
    await expect(group.getByRole('button', { name: 'Compact the file' }).count()).resolves.toBe(0);
    await h.screenshot('settings-07-compacted');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // Nothing the researcher sees changed: the session on screen still shows its moments' rows.
    await page.locator('.cell[data-side="client"]').first().waitFor();
    expect(h.pageErrors).toEqual([]);
  });
});

describe('the marker-pattern checks and sentences', () => {
  it('says which line cannot be used and why', () => {
    expect(patternProblem(String.raw`\[cam (\d+:\d\d)\]`)).toBeNull();
    expect(patternProblem('(?:x)+')).toContain('has no group for the time');
    expect(patternProblem('[a-')).toMatch(/^is not a valid regular expression: /);
    const lines = readPatternLines(`  ${OWN_FORM}  \n\n[oops\n${OWN_FORM}`);
    expect(lines.map((l) => [l.line, l.source])).toEqual([[1, OWN_FORM], [3, '[oops'], [4, OWN_FORM]]);
    expect(fieldProblems(lines)).toEqual([expect.stringMatching(/^Line 3 is not a valid regular expression: /)]);
    expect(fieldProblems(readPatternLines(Array.from({ length: 51 }, (_, i) => `x${i} (\\d+)`).join('\n')))).toEqual(['A project can have at most 50 patterns.']);
  });

  it('tries a line the way the import reads it, and reports a match whose time cannot be read', () => {
    const lines = readPatternLines(String.raw`^TC ([\d:]+)` + '\n' + OWN_FORM);
    expect(tryLine('TC 00:12:34', lines).markers).toEqual([{ label: 'TC 00:12:34', sessionTime: 754, patternLine: 1 }]);
    expect(tryLine('P: so TC 00:12:34', lines).markers).toEqual([]);
    const unreadable = tryLine('TC 12:99', lines);
    expect(unreadable.markers).toEqual([]);
    expect(unreadable.warnings.join(' ')).toContain('"TC 12:99"');
  });

  it('offers a rescan only when a pattern was added, and counts in plain words', () => {
    expect(addsPatterns(['a(1)'], ['a(1)'])).toBe(false);
    expect(addsPatterns(['a(1)', 'b(2)'], ['a(1)'])).toBe(false);
    expect(addsPatterns(['a(1)'], ['b(2)', 'a(1)'])).toBe(true);
    expect(foundSentence({ moments: 1, interviews: 1 })).toBe('Your patterns find 1 new recall moment in 1 interview.');
    expect(foundSentence({ moments: 1200, interviews: 40 })).toBe('Your patterns find 1,200 new recall moments in 40 interviews.');
    expect(addedSentence({ moments: 1, interviews: 1 }, 'Ctrl+Z')).toBe('Added 1 recall moment in 1 interview. Undo (Ctrl+Z, or Undo in the toolbar) takes it away again.');
  });
});
