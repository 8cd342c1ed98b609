import { ApiError } from './errors';
import { transport } from './transport';
import { fileToBase64 } from '../util/files';

/**
 * A chosen file as the calls that read files take it: uploaded first under `dyad serve` (streamed to disk there,
 * named by the id), its bytes as base64 in the desktop app.
 */
export async function fileSource(file: File): Promise<{ uploadId: string } | { dataBase64: string }> {
  const t = transport();
  if (!t.upload) return { dataBase64: await fileToBase64(file) };
  const r = await t.upload(file);
  if (!r.ok) throw ApiError.from(r.error);
  return { uploadId: r.value.uploadId };
}
