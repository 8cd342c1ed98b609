import { DyadError } from '../../shared/api/errors';
import { newId } from '../core/ids';
import type { QdpxRead } from './readQdpx';

/** .qdpx files read by `refi.previewQdpx`, kept for `refi.importQdpx`; bounded, as a study can be large. */
export class QdpxStaging {
  private readonly entries = new Map<string, QdpxRead>();
  put(read: QdpxRead): string {
    const id = newId();
    this.entries.set(id, read);
    while (this.entries.size > 3) this.entries.delete(this.entries.keys().next().value!);
    return id;
  }
  get(id: string): QdpxRead {
    const read = this.entries.get(id);
    if (!read) throw new DyadError('not-found', 'This REFI-QDA preview has expired; please choose the file again.');
    return read;
  }
  drop(id: string): void {
    this.entries.delete(id);
  }
}
