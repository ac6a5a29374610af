import type { FastifyReply } from 'fastify';
import type { RouteContext } from '../web/route-context.js';
import { type PackFormat, packFile } from './pack-files.js';
import { PdfUnavailable } from './pack-pdf.js';
import type { PackContent } from './pack.types.js';

/** Sends a pack's file as a download; where Chromium is missing, a page that says so. */
export async function sendPack(
  reply: FastifyReply,
  { app, renderPartial }: RouteContext,
  ext: PackFormat,
  pack: PackContent,
  meeting: string | null,
) {
  try {
    const file = await packFile(ext, pack, {
      meeting,
      render: renderPartial,
      chromiumPath: app.config.chromiumPath,
    });
    return reply
      .header('content-type', file.type)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(file.bytes);
  } catch (error) {
    if (!(error instanceof PdfUnavailable)) throw error;
    return reply.code(503).render('error.njk', {
      title: 'The PDF cannot be made on this server',
      heading: 'The PDF cannot be made on this server',
      message: error.message,
    });
  }
}
