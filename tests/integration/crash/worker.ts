/**
 * The child process the crash tests kill -9: it does one kind of work over and over and prints a line after each
 * step that is done (committed), so the parent knows what must survive.
 *   export <target>            writes an export that never finishes; prints "writing" once the temporary file exists
 *   merge <coder.dyad> <into>  reads a coder's copy for a merge, again and again; prints "read" after each
 *   apply <coder.dyad> <into>  previews the merge of a coder's copy, prints "applying", applies it, prints "merged"
 *   code <project>             adds rows one by one, each its own transaction; prints "coded <id>" after each commit
 *   open <project>             prints "opening", then opens (and so migrates) the project; prints "opened"
 *   import <project>           imports batches of 6 synthetic transcripts (parsed in the import workers, written in
 *                              one transaction each); prints "reading" before each batch and "imported <id>…" after its commit
 */
import { writeFileAtomic } from '../../../electron/core/atomicFile';
import { readMergeSource } from '../../../electron/team/source';
import { applyMerge, MergeStore, previewMerge } from '../../../electron/team/merge';
import { Project } from '../../../electron/core/project';
import { newId } from '../../../electron/core/ids';
import { commitStaged, stageFiles } from '../../../electron/core/importer';
import { interviewText, rng } from '../../bench/synthetic';

const [what, a, b] = process.argv.slice(2);
const say = (s: string) => process.stdout.write(`${s}\n`);

async function main() {
  if (what === 'export') {
    async function* forever() {
      yield 'C: I felt unseen when she looked at her notes.\n';
      say('writing');
      for (;;) {
        await new Promise((r) => setTimeout(r, 20));
        yield 'I: What happened next?\n';
      }
    }
    await writeFileAtomic(a!, forever());
  } else if (what === 'merge') {
    for (;;) {
      await readMergeSource(a!, b!, { fileNamePattern: 'D{dyad}_S{session}_{role}', customMarkerPatterns: [] });
      say('read');
    }
  } else if (what === 'open') {
    say('opening');
    Project.open(a!).close();
    say('opened');
  } else if (what === 'import') {
    const p = Project.open(a!);
    const random = rng(Date.now());
    for (let batch = 0; ; batch++) {
      const dyad = `${process.pid}x${batch}`;
      const sources = [1, 2, 3].flatMap((session) =>
        (['client', 'therapist'] as const).map((role) => ({
          name: `D${dyad}_S${session}_${role}.txt`,
          bytes: Buffer.from(interviewText(role, 4000, [40, 90, 130, 200, 260], random)),
        })),
      );
      say('reading');
      const staged = await stageFiles(sources, p.settings());
      const items = staged.map((s) => ({ index: s.index, ...s.proposed!, speakerRoles: s.speakerRoles }));
      const ids = await commitStaged(p, staged, items);
      say(`imported ${ids.join(' ')}`);
    }
  } else if (what === 'apply') {
    const p = Project.open(b!);
    const store = new MergeStore();
    const preview = await previewMerge(p, store, a!);
    say('applying');
    await applyMerge(p, store, preview.planId, {});
    say('merged');
  } else if (what === 'code') {
    const p = Project.open(a!);
    const insert = p.db.prepare("INSERT INTO dyads (id, name, attributes, created_at) VALUES (?, ?, '{}', 'now')");
    for (let i = 0; ; i++) {
      const id = newId();
      insert.run(id, `dyad ${id}`);
      say(`coded ${id}`);
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
    }
  }
}
void main();
