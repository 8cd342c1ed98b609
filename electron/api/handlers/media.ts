import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { DyadError } from '../../../shared/api/errors';
import { attachedMedium, listMedia, relinkMedia } from '../../core/media';
import { describeTracks, sniffMedia } from '../../core/media-sniff';
import type { Handler } from '../dispatch';

export const mediaHandlers = {
  'media.list': ({}, { project }) => listMedia(project.db, project.path),
  'media.probe': ({ path }, { project }) => {
    // Only the project's own recordings: the probe must not become a way to read other files' headers.
    const medium = attachedMedium(project.db, project.path, path);
    if (!medium) throw new DyadError('not-found', `${path} is not a recording attached to this project.`);
    if (!medium.found) throw new DyadError('not-found', `${medium.resolvedPath} is not there; relink the project's recordings.`);
    const fd = openSync(medium.resolvedPath, 'r');
    try {
      const size = statSync(medium.resolvedPath).size;
      const probe = sniffMedia((offset, length) => {
        const buf = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        const n = readSync(fd, buf, 0, buf.length, offset);
        return buf.subarray(0, n);
      }, size);
      return { file: basename(medium.resolvedPath), ...probe, summary: describeTracks(probe) };
    } finally {
      closeSync(fd);
    }
  },
  'media.relink': async ({ folder }, { project, emit }) => {
    const r = await project.writes.run(() => relinkMedia(project.db, project.path, folder));
    if (r.relinked.length) emit({ type: 'changed', what: ['dyads', 'media', 'undo'] });
    return r;
  },
} satisfies { [K in 'media.list' | 'media.probe' | 'media.relink']: Handler<K> };
