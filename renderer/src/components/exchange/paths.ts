/** Characters no file system accepts in a name. */
export const safeName = (name: string): string => name.replace(/[\\/:*?"<>|]+/gu, '-').trim() || 'export';
