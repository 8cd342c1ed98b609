import type { DyadErrorValue } from '../../shared/api/errors';

/**
 * The error box shown when a project cannot be opened. The core's message already names the file and the
 * problem; the title says in a few words what kind of problem it is and what the researcher can do.
 */
export function describeOpenError(path: string, error: DyadErrorValue): { title: string; message: string } {
  const detail = error.message.includes(path) ? error.message : `${path}: ${error.message}`;
  switch (error.kind) {
    case 'newer-version':
      return { title: 'Project made by a newer Dyad', message: `${detail}\n\nInstall the newer Dyad to open it. The file was not changed.` };
    case 'locked':
      return { title: 'Project already open', message: detail };
    case 'bad-file':
      return { title: 'Not a readable Dyad project', message: `${detail}\n\nThe file may be damaged or not a Dyad project. It was not changed.` };
    case 'not-found':
      return { title: 'Project not found', message: detail };
    case 'io':
      return { title: 'Project could not be read', message: detail };
    default:
      return { title: 'Project could not be opened', message: detail };
  }
}
