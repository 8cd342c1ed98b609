/**
 * Which browser the end-to-end tests drive (tests/e2e/helpers/browser.ts), and that the npm-shipped one
 * renders with its own fonts, whatever fonts the machine has.
 */
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bundledSupported, findBrowser, systemCandidates } from './helpers/browser';

describe('finding a browser', () => {
  it('looks where Chrome, Chromium and Edge are installed on each system', () => {
    expect(systemCandidates('linux')).toContain('/usr/bin/chromium');
    expect(systemCandidates('darwin', {})).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    const win = systemCandidates('win32', { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\r\\AppData\\Local' });
    expect(win.some((p) => p.includes('Program Files') && p.endsWith('chrome.exe'))).toBe(true);
    expect(win.some((p) => p.endsWith('msedge.exe'))).toBe(true);
  });

  it('offers the npm Chromium only where it runs (Linux x64 and arm64)', () => {
    expect(bundledSupported('linux', 'x64')).toBe(true);
    expect(bundledSupported('linux', 'arm64')).toBe(true);
    expect(bundledSupported('darwin', 'arm64')).toBe(false);
    expect(bundledSupported('win32', 'x64')).toBe(false);
  });

  it('names what is wrong with DYAD_BROWSER or CHROMIUM_PATH', async () => {
    await expect(findBrowser({ DYAD_BROWSER: 'firefox' })).rejects.toThrow('DYAD_BROWSER=firefox: use "system", "bundled" or leave it unset.');
    await expect(findBrowser({ CHROMIUM_PATH: '/no/such/chrome' })).rejects.toThrow('CHROMIUM_PATH=/no/such/chrome: there is no browser there.');
  });

  it.skipIf(!bundledSupported())('gives the npm Chromium when asked, with its own fonts', async () => {
    const b = await findBrowser({ DYAD_BROWSER: 'bundled' });
    expect(b.kind).toBe('bundled');
    expect(b.env.FONTCONFIG_FILE).toMatch(/dyad-fonts\.conf$/);
  });
});

describe.skipIf(!bundledSupported())('the npm Chromium', () => {
  it('renders text in its own font whatever fonts the machine has: sans-serif and serif are both its Open Sans', async () => {
    const b = await findBrowser({ DYAD_BROWSER: 'bundled' });
    const browser = await chromium.launch({ executablePath: b.executablePath, args: b.args, headless: true, env: { ...process.env, ...b.env } });
    try {
      const page = await browser.newPage();
      await page.setContent('<span style="font: 40px sans-serif">Émotion, withdrawal 12:34</span><br><span style="font: 40px serif">Émotion, withdrawal 12:34</span><br><span style="font: 40px monospace">Émotion, withdrawal 12:34</span>');
      const widths = await page.$$eval('span', (spans) => spans.map((s) => s.getBoundingClientRect().width));
      // With the machine's fonts, serif and monospace differ from sans-serif; with only Open Sans they cannot.
      expect(widths[0]).toBeGreaterThan(100);
      expect(widths).toEqual([widths[0], widths[0], widths[0]]);
    } finally {
      await browser.close();
    }
  });
});
