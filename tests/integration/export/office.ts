/**
 * Exported documents checked in a real office program: LibreOffice (headless) prints them to PDF, poppler reads
 * the PDF's text and page count, and the first page of each is kept as a PNG under test-results/office/ to look
 * at. Tests that need it skip, saying why, when LibreOffice or poppler is not installed (`.ci/run` installs
 * Debian's libreoffice-writer-nogui, libreoffice-calc-nogui and poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { appRoot } from '../../../electron/core/paths';

function has(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'pipe', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** Why the office checks cannot run here ('' when they can). */
export const officeMissing = (() => {
  const missing = [!has('soffice', ['--version']) && 'soffice (LibreOffice)', !has('pdftotext', ['-v']) && 'pdftotext (poppler-utils)'].filter(Boolean);
  return missing.length ? `skipped: ${missing.join(' and ')} not installed (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils)` : '';
})();
if (officeMissing) console.warn(`Office documents checked in LibreOffice: ${officeMissing}`);

export const OFFICE_OUT = resolve(appRoot(), 'test-results/office');

export interface Printed {
  text: string;
  pages: number;
  png: string;
}

/**
 * Prints every file to PDF in one LibreOffice start (5–10 s per document, the first start slower), then reads
 * each PDF's text (with its layout) and page count and keeps a PNG of its first page.
 */
export function printAll(files: readonly string[]): Map<string, Printed> {
  const names = files.map((f) => basename(f, extname(f)));
  if (new Set(names).size !== names.length) throw new Error('printAll: give each file its own name (LibreOffice names the PDF after it)');
  const work = mkdtempSync(join(tmpdir(), 'dyad-office-'));
  try {
    // A profile of its own: a running LibreOffice of the user's, or another test, does not take the call over.
    const profile = `file://${join(work, 'profile')}`;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', work, ...files], { stdio: 'pipe', timeout: 240_000 });
    mkdirSync(OFFICE_OUT, { recursive: true });
    const out = new Map<string, Printed>();
    for (const f of files) {
      const name = basename(f, extname(f));
      const pdf = join(work, `${name}.pdf`);
      if (!existsSync(pdf)) throw new Error(`LibreOffice did not print ${f}`);
      copyFileSync(pdf, join(OFFICE_OUT, `${name}.pdf`));
      copyFileSync(f, join(OFFICE_OUT, basename(f)));
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      const pages = Number(/^Pages:\s+(\d+)/mu.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? NaN);
      const prefix = join(OFFICE_OUT, name);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, prefix]);
      out.set(f, { text, pages, png: `${prefix}.png` });
    }
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
