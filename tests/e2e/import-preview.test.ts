import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness';
import { root } from './helpers/renderer-build';

const SERVICES = join(root, 'tests', 'fixtures', 'import', 'services');

/**
 * The import preview says what reading each file noticed, and lets the researcher name a speaker the file does
 * not name: a dictated SRT comes in as "Speaker", is renamed and given a role, and is stored so.
 */
describe('the import preview in Chromium: warnings and an editable speaker', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ project: 'empty' });
    await h.page.goto(h.server.url);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lists each file\'s warnings, and stores the name and role given to an unnamed speaker', async () => {
    const { page } = h;
    // Under `dyad serve` each chosen file is sent on its own (streamed to disk there), not base64 in the call.
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/upload?')) uploads.push(new URL(r.url()).searchParams.get('name') ?? '');
    });
    await page.locator('.main .empty').getByRole('button', { name: 'Import transcripts…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import transcripts' });
    await page.locator('#import-files').setInputFiles([join(SERVICES, 'D22_S2_therapist.dictated.srt'), join(SERVICES, 'D21_S1_client.zoom.vtt')]);
    const srt = dialog.locator('tbody.preview__file[data-file="D22_S2_therapist.dictated.srt"]');
    const vtt = dialog.locator('tbody.preview__file[data-file="D21_S1_client.zoom.vtt"]');
    await srt.waitFor();
    expect(uploads.sort()).toEqual(['D21_S1_client.zoom.vtt', 'D22_S2_therapist.dictated.srt']);

    const srtWarnings = srt.getByRole('list', { name: 'Warnings for D22_S2_therapist.dictated.srt' }).getByRole('listitem');
    await expect(srtWarnings.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/No cue names its speaker/),
      expect.stringMatching(/"Transcribed by https:\/\/otter\.ai" \(cue 6\)/),
    ]);
    const vttWarnings = vtt.getByRole('list', { name: 'Warnings for D21_S1_client.zoom.vtt' }).getByRole('listitem');
    await expect(vttWarnings.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/1 subtitle cue has an impossible or unreadable start time/),
      expect.stringMatching(/2 cues without a speaker name were given to the speaker of the cue before/),
    ]);

    const name = srt.getByLabel('Name for Speaker, D22_S2_therapist.dictated.srt');
    await expect(name.inputValue()).resolves.toBe('Speaker');
    await expect(srt.getByLabel('Speaker Speaker in D22_S2_therapist.dictated.srt').inputValue()).resolves.toBe('participant');
    await name.fill('Dr Ama Osei');
    await h.screenshot('31-import-preview-warnings');

    await dialog.getByRole('checkbox', { name: 'Import D21_S1_client.zoom.vtt' }).uncheck();
    await dialog.getByRole('button', { name: 'Import 1 file' }).click();
    await dialog.waitFor({ state: 'detached' });

    const turns = h.project.db.prepare('SELECT DISTINCT speaker, speaker_role FROM turns').all();
    expect(turns).toEqual([{ speaker: 'Dr Ama Osei', speaker_role: 'participant' }]);
  });
});
