import { listMedia, relinkMedia } from '../../core/media';
import type { Handler } from '../dispatch';

export const mediaHandlers = {
  'media.list': ({}, { project }) => listMedia(project.db, project.path),
  'media.relink': async ({ folder }, { project, emit }) => {
    const r = await project.writes.run(() => relinkMedia(project.db, project.path, folder));
    if (r.relinked.length) emit({ type: 'changed', what: ['dyads', 'media', 'undo'] });
    return r;
  },
} satisfies { [K in 'media.list' | 'media.relink']: Handler<K> };
