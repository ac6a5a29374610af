import type { Insertable } from 'kysely';
import type { Db } from '../db/database.js';
import type { AuditEventTable } from '../db/schema.js';
import type { AccessRepository } from './access.repository.js';
import { auditRow, type AuditEntry } from './access.service.js';

/** The most rows one statement writes (each row is 8 parameters; PostgreSQL allows 65,535). */
const MOST_ROWS = 1000;

interface Waiting {
  row: Insertable<AuditEventTable>;
  written: () => void;
  failed: (error: unknown) => void;
}

/**
 * Writes access-log rows for reads (downloads) that change nothing else: the rows of the
 * requests that arrive together go in one statement and one transaction, and each request
 * waits until its own row is committed, so every answered download is recorded and a burst
 * of them does not queue behind one write at a time. Requests that arrive while a write is
 * under way go in the next one.
 */
export class AccessLogWriter {
  private queue: Waiting[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly repository: AccessRepository,
    private readonly transaction: (work: (trx: Db) => Promise<void>) => Promise<void>,
  ) {}

  /** Resolves once the entry is committed; rejects (nothing recorded) if the write failed. */
  record(at: string, entry: AuditEntry): Promise<void> {
    return new Promise((written, failed) => {
      this.queue.push({ row: auditRow(at, entry), written, failed });
      this.running ??= this.writeAll();
    });
  }

  /** Waits for every row asked for so far to be written (before the database closes). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async writeAll(): Promise<void> {
    // One turn of the event loop, so that the requests that came in together join.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length) {
      const batch = this.queue.splice(0, MOST_ROWS);
      try {
        await this.transaction((trx) =>
          this.repository.appendAudits(
            trx,
            batch.map((w) => w.row),
          ),
        );
        for (const w of batch) w.written();
      } catch (error) {
        for (const w of batch) w.failed(error);
      }
    }
    this.running = null;
  }
}
