import type { TextFileReader } from '../../../infra/config.js';

/** A clustersFile reader over in-memory files; a missing path fails as the file system would. */
export function fileReader(files: Readonly<Record<string, string>>): TextFileReader {
  return (path) => {
    const body = files[path];
    if (body === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    return body;
  };
}
