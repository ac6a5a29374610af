import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';

/** Pages smaller than this are sent as they are: compressing them saves less than it costs. */
const COMPRESS_FROM_BYTES = 1400;

export type Encoding = 'br' | 'gzip';

/**
 * A page kept as the bytes that are sent (UTF-8, its length known), with a compressed copy
 * made the first time a client that accepts it asks, so that a repeat view costs no encoding.
 */
export class KeptPage {
  readonly raw: Buffer;
  private readonly compressed: Partial<Record<Encoding, Buffer>> = {};
  /** With holes: the bytes between them, and which value goes in each hole. */
  private readonly parts: Buffer[] = [];
  private readonly holes: string[] = [];

  /**
   * `holes` maps marks written in `html` to the names of values that are new on every view
   * (a form's once-only token): those are filled in when the page is sent, uncompressed.
   */
  constructor(html: string, holes: Record<string, string> = {}) {
    const marks = Object.keys(holes);
    if (marks.length) {
      let from = 0;
      for (const match of html.matchAll(new RegExp(marks.join('|'), 'g'))) {
        this.parts.push(Buffer.from(html.slice(from, match.index), 'utf8'));
        this.holes.push(holes[match[0]] ?? '');
        from = match.index + match[0].length;
      }
      this.parts.push(Buffer.from(html.slice(from), 'utf8'));
    }
    this.raw = this.parts.length ? Buffer.concat(this.parts) : Buffer.from(html, 'utf8');
  }

  /** The bytes held, with any compressed copies. */
  get size(): number {
    return (
      this.raw.length * (this.parts.length ? 2 : 1) +
      (this.compressed.br?.length ?? 0) +
      (this.compressed.gzip?.length ?? 0)
    );
  }

  /** The body for a request's Accept-Encoding: brotli, else gzip, else the page as it is. */
  body(
    acceptEncoding: string | string[] | undefined,
    fresh: Record<string, string> = {},
  ): { bytes: Buffer; encoding: Encoding | null } {
    if (this.holes.length) {
      const bytes: Buffer[] = [];
      this.parts.forEach((part, i) => {
        bytes.push(part);
        const hole = this.holes[i];
        if (hole !== undefined) bytes.push(Buffer.from(fresh[hole] ?? '', 'utf8'));
      });
      return { bytes: Buffer.concat(bytes), encoding: null };
    }
    const encoding = this.raw.length >= COMPRESS_FROM_BYTES ? chooseEncoding(acceptEncoding) : null;
    if (!encoding) return { bytes: this.raw, encoding: null };
    let bytes = this.compressed[encoding];
    if (!bytes) {
      bytes =
        encoding === 'br'
          ? brotliCompressSync(this.raw, {
              params: {
                // Quality 5: most of brotli's saving on HTML, in a few milliseconds.
                [constants.BROTLI_PARAM_QUALITY]: 5,
                [constants.BROTLI_PARAM_SIZE_HINT]: this.raw.length,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              },
            })
          : gzipSync(this.raw, { level: 6 });
      this.compressed[encoding] = bytes;
    }
    return { bytes, encoding };
  }
}

/** Sends a kept page as HTML, compressed when the client accepts it; the answer varies by that. */
export function sendKept(
  reply: FastifyReply,
  page: KeptPage,
  fresh: Record<string, string> = {},
): FastifyReply {
  const { bytes, encoding } = page.body(reply.request.headers['accept-encoding'], fresh);
  void reply.header('vary', 'Accept-Encoding');
  if (encoding) void reply.header('content-encoding', encoding);
  return reply.type('text/html; charset=utf-8').send(bytes);
}

/** The encoding to send for an Accept-Encoding header: br before gzip, none refused by q=0. */
export function chooseEncoding(header: string | string[] | undefined): Encoding | null {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const accepted = new Map<string, number>();
  for (const part of text.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const star = accepted.get('*');
  for (const encoding of ['br', 'gzip'] as const) {
    const q = accepted.get(encoding) ?? star ?? 0;
    if (q > 0) return encoding;
  }
  return null;
}
