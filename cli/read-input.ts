import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';

/** Reads a named file, or standard input for `-`; the error says which file and why. */
export async function readSource(name: string, stdin: Readable, cwd: string): Promise<string> {
  if (name === '-') return readStream(stdin);
  try {
    return await readFile(resolve(cwd, name), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new InputError(`${name}: cannot read: ${why}`);
  }
}

export async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export class InputError extends Error {
  override readonly name = 'InputError';
}
