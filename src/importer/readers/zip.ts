import { inflateRawSync } from 'node:zlib';

/** One entry of a zip central directory, as declared (nothing is inflated). */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** 0 stored, 8 deflated. */
  method: number;
  localHeaderOffset: number;
}

export interface ZipDirectory {
  /** Entry count declared by the end-of-central-directory record. */
  declaredCount: number;
  entries: ZipEntry[];
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;

/**
 * Reads a zip's central directory without inflating anything, stopping after `maxEntries`
 * entries. Returns null when the bytes are not a well-formed zip.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipDirectory | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return null;
  const declaredCount = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryStart = view.getUint32(eocd + 16, true);
  const directoryEnd = directoryStart + directorySize;
  if (directoryEnd > eocd) return null;

  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let at = directoryStart;
  while (at + 46 <= directoryEnd && entries.length <= maxEntries) {
    if (view.getUint32(at, true) !== CENTRAL_SIGNATURE) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd > directoryEnd) return null;
    entries.push({
      name: decoder.decode(bytes.subarray(at + 46, nameEnd)),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      method: view.getUint16(at + 10, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at = nameEnd + extraLength + commentLength;
  }
  return { declaredCount, entries };
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record sits at the very end, followed only by an optional comment of up to 64 KB.
  const last = view.byteLength - EOCD_MIN;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

/**
 * Finds the first deflated entry that inflates to more than its declared size (the
 * directory can lie), inflating each at most one byte past what it declares. Returns its
 * name, or null. Entries that fail to inflate for other reasons are left to the reader.
 */
export function findOversizedEntry(bytes: Uint8Array, entries: ZipEntry[]): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of entries) {
    const at = entry.localHeaderOffset;
    if (entry.method !== 8 || at + 30 > bytes.length) continue;
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    try {
      inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return entry.name;
    }
  }
  return null;
}
