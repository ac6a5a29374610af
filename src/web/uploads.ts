import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { MAX_IMPORT_BYTES } from '../importer/readers/errors.js';

/**
 * The largest file any form accepts (the importer's documented limit, 10 MB). Each form
 * may allow less (evidence files: MAX_EVIDENCE_BYTES); bigger files arrive truncated.
 */
export const MAX_UPLOAD_BYTES = MAX_IMPORT_BYTES;

/** A file sent with a form, as the route sees it in `request.body[field]`. */
export interface UploadedFile {
  fileName: string;
  /** The type the browser claimed; never trusted (the content decides). */
  claimedType: string;
  bytes: Buffer;
  /** True when the file was larger than MAX_UPLOAD_BYTES and was cut off. */
  truncated: boolean;
}

/** A form field that holds a file the person actually chose (browsers send an empty part otherwise). */
export function uploadedFile(value: unknown): UploadedFile | null {
  if (!value || typeof value !== 'object' || !('bytes' in value) || !('fileName' in value)) {
    return null;
  }
  const file = value as UploadedFile;
  return !file.fileName && file.bytes.length === 0 ? null : file;
}

/**
 * Multipart forms: fields arrive in `request.body` as strings (so the CSRF check reads
 * `_csrf` as for any form) and a file as an UploadedFile. One file per form; a file over
 * the limit is cut off and flagged rather than failing the request, so the form can say so.
 */
export async function registerUploads(server: FastifyInstance): Promise<void> {
  await server.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 50, fieldSize: 1024 * 1024 },
    async onFile(part) {
      const bytes = await part.toBuffer().catch((error: unknown) => {
        // The request ended before the file did (a dropped connection, a broken client).
        throw Object.assign(new Error('The upload ended before its file did', { cause: error }), {
          statusCode: 400,
        });
      });
      const file: UploadedFile = {
        fileName: part.filename ?? '',
        claimedType: part.mimetype,
        bytes,
        truncated: part.file.truncated,
      };
      (part as unknown as { value: UploadedFile }).value = file;
    },
  });
}
