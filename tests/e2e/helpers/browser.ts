/**
 * The one place that decides which browser the end-to-end tests drive (scripts/test.mjs asks it too, so both
 * agree): a Chrome or Chromium installed on this machine when there is one, else the Chromium that ships inside
 * the npm package @sparticuz/chromium, so that `npm install && npm test` needs nothing but Node and npm.
 *
 * Why this order: an installed browser is the full Chromium or Chrome the researcher uses (on every OS), while
 * the npm one is a headless shell built for Linux x64/arm64 that runs as one process. Measured on the project's
 * machine (2 shared cores): the npm one extracts once to the temp folder in ~8 s, then launches and renders a
 * page in ~1.2 s; Debian's /usr/bin/chromium in ~4.4 s.
 *
 * DYAD_BROWSER=bundled forces the npm one (CI runs the suite that way, to prove a newcomer's path), and
 * DYAD_BROWSER=system refuses it; CHROMIUM_PATH names a browser binary of your own.
 *
 * Fonts: the npm browser is started with its own fontconfig (Open Sans, extracted beside it), never the
 * system's fonts, so no test depends on fonts being installed.
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface FoundBrowser {
  kind: 'system' | 'bundled';
  executablePath: string;
  args: string[];
  /** Extra environment for the browser process (the npm browser's own fonts). */
  env: Record<string, string>;
  /** What to print: which browser, from where. */
  label: string;
}

/** Where Chrome and Chromium are installed, per OS, in the order they are tried. */
export function systemCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      ...(env.HOME ? [join(env.HOME, 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome')] : []),
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.flatMap((r) => [join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(r, 'Chromium', 'Application', 'chrome.exe'), join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')]);
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
}

/** The npm browser is built for Linux on x64 and arm64 only. */
export const bundledSupported = (platform = process.platform, arch = process.arch) => platform === 'linux' && (arch === 'x64' || arch === 'arm64');

function whatToInstall(platform = process.platform): string {
  if (platform === 'darwin') return 'Install Google Chrome or Chromium (into /Applications), or set CHROMIUM_PATH to a Chrome or Chromium binary.';
  if (platform === 'win32') return 'Install Google Chrome or Microsoft Edge, or set CHROMIUM_PATH to chrome.exe or msedge.exe.';
  return 'Install Chromium (e.g. `sudo apt-get install -y chromium`), or set CHROMIUM_PATH to a Chrome or Chromium binary.';
}

/**
 * Extracts the npm browser once. Parallel test files would otherwise race to write the same files in the temp
 * folder (the package checks only that they exist), so the extraction holds a lock folder.
 */
async function extractBundled(): Promise<string> {
  const { default: sparticuz } = await import('@sparticuz/chromium');
  const lock = join(tmpdir(), 'dyad-chromium-extract.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than two minutes was left by a run that died while extracting.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await sparticuz.executablePath();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function bundled(): Promise<FoundBrowser> {
  if (!bundledSupported()) {
    throw new Error(
      `The Chromium shipped on npm (@sparticuz/chromium) runs on Linux x64 and arm64 only, not ${process.platform} ${process.arch}. ${whatToInstall()}`,
    );
  }
  const executablePath = await extractBundled();
  const { default: sparticuz } = await import('@sparticuz/chromium');
  // Its fonts are extracted to <tmp>/fonts/fonts; its own fonts.conf names /tmp literally, so write one that
  // names only that folder wherever the temp folder is.
  const fonts = join(dirname(executablePath), 'fonts');
  const conf = join(fonts, 'dyad-fonts.conf');
  if (!existsSync(conf)) {
    writeFileSync(conf, `<?xml version="1.0"?>\n<fontconfig>\n  <dir>${join(fonts, 'fonts')}</dir>\n  <cachedir>${join(fonts, 'cache')}</cachedir>\n</fontconfig>\n`);
  }
  return {
    kind: 'bundled',
    executablePath,
    args: [...sparticuz.args, '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    env: { FONTCONFIG_FILE: conf },
    label: `Chromium from npm (@sparticuz/chromium, ${executablePath})`,
  };
}

/** Which browser the end-to-end tests use here, extracting the npm one when that is the one. */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser> {
  const choice = env.DYAD_BROWSER ?? 'auto';
  if (!['auto', 'system', 'bundled'].includes(choice)) throw new Error(`DYAD_BROWSER=${choice}: use "system", "bundled" or leave it unset.`);
  if (choice === 'bundled') return bundled();
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH}: there is no browser there.`);
    return { kind: 'system', executablePath: env.CHROMIUM_PATH, args: CHROMIUM_ARGS, env: {}, label: `CHROMIUM_PATH (${env.CHROMIUM_PATH})` };
  }
  const installed = systemCandidates().find((c) => existsSync(c));
  if (installed) return { kind: 'system', executablePath: installed, args: CHROMIUM_ARGS, env: {}, label: `the installed browser ${installed}` };
  if (choice === 'system') throw new Error(`DYAD_BROWSER=system, and no browser is installed where one is looked for (${systemCandidates().join(', ')}). ${whatToInstall()}`);
  return bundled();
}

let found: Promise<FoundBrowser> | undefined;

/** A headless browser for the end-to-end tests: the one findBrowser chooses. */
export async function launchChromium(): Promise<Browser> {
  found ??= findBrowser();
  const b = await found;
  return chromium.launch({ executablePath: b.executablePath, args: b.args, headless: true, env: { ...process.env, ...b.env } });
}
