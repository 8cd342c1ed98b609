/** A file next to the project file: the same folder, the given name (Windows or POSIX separators). */
export function besideProject(projectPath: string | undefined, fileName: string): string {
  if (!projectPath) return fileName;
  const cut = Math.max(projectPath.lastIndexOf('/'), projectPath.lastIndexOf('\\'));
  return cut < 0 ? fileName : projectPath.slice(0, cut + 1) + fileName;
}

/** Characters no file system accepts in a name. */
export const safeName = (name: string): string => name.replace(/[\\/:*?"<>|]+/gu, '-').trim() || 'export';

/** The path with its file's extension replaced (or added when it has none); folders with dots stay as they are. */
export function withExtension(path: string, ext: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  return (dot > cut + 1 ? path.slice(0, dot) : path) + ext;
}
