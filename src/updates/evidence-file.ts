import { ImportInputError } from '../importer/readers/errors.js';
import { detectFormat } from '../importer/readers/detect.js';

// What a file given as evidence may be: decided by its content, and its name must agree.

/** The largest evidence file a progress update may carry. */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

export type EvidenceType = 'pdf' | 'docx' | 'xlsx' | 'csv' | 'png' | 'jpeg' | 'txt';

const TYPES: Record<EvidenceType, { mediaType: string; label: string; extensions: string[] }> = {
  pdf: { mediaType: 'application/pdf', label: 'PDF', extensions: ['pdf'] },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word',
    extensions: ['docx'],
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel',
    extensions: ['xlsx'],
  },
  csv: { mediaType: 'text/csv', label: 'CSV', extensions: ['csv'] },
  png: { mediaType: 'image/png', label: 'PNG', extensions: ['png'] },
  jpeg: { mediaType: 'image/jpeg', label: 'JPEG', extensions: ['jpg', 'jpeg'] },
  txt: { mediaType: 'text/plain', label: 'text', extensions: ['txt'] },
};

/** The accepted types, for the form's hint and the browser's file picker. */
export const EVIDENCE_ACCEPT = Object.values(TYPES)
  .flatMap((t) => t.extensions.map((e) => `.${e}`))
  .join(',');

export type EvidenceCheck =
  | { ok: true; type: EvidenceType; mediaType: string; fileName: string; label: string }
  | { ok: false; reason: 'empty' | 'too-large' | 'wrong-type' };

/** The name without any folder a browser may have sent, trimmed to 200 characters. */
export function baseName(fileName: string): string {
  const name = fileName.split(/[/\\]/).pop()?.trim() ?? '';
  return name.length > 200 ? name.slice(name.length - 200) : name;
}

function sniff(bytes: Uint8Array, fileName: string): EvidenceType | null {
  const starts = (prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  try {
    const format = detectFormat(bytes, fileName);
    if (format === 'pdf' || format === 'docx' || format === 'xlsx' || format === 'csv') {
      return format;
    }
    return format === 'text' ? 'txt' : null;
  } catch (error) {
    if (error instanceof ImportInputError) return null;
    throw error;
  }
}

/** Whether a file may be kept as evidence: its content decides its type, and its name must agree. */
export function checkEvidenceFile(
  bytes: Uint8Array,
  fileName: string,
  truncated: boolean,
): EvidenceCheck {
  if (truncated || bytes.length > MAX_EVIDENCE_BYTES) return { ok: false, reason: 'too-large' };
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  const name = baseName(fileName);
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  let type = sniff(bytes, name);
  // Plain text named .csv (one column, say) is still a harmless CSV file.
  if (type === 'txt' && extension === 'csv') type = 'csv';
  if (!type || !TYPES[type].extensions.includes(extension))
    return { ok: false, reason: 'wrong-type' };
  const { mediaType, label } = TYPES[type];
  return { ok: true, type, mediaType, fileName: name, label };
}

/** "240 KB", "1.2 MB": a file's size for people. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/**
 * Content-Disposition for a download: an ASCII fallback name with anything unusual
 * replaced, plus the exact name encoded for browsers that read filename*.
 */
export function attachmentHeader(fileName: string): string {
  const fallback = fileName.replace(/[^A-Za-z0-9._ -]/g, '_').replace(/^\.+/, '_') || 'evidence';
  const exact = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
