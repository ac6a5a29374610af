import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * Counts the statements that change data. With the embedded database one process holds the
 * data and runs one statement at a time, so "no write since I looked" means "nothing has
 * changed": in-memory copies keyed by this count (EpochCache) are exact, with no expiry.
 */
/**
 * Tables whose rows no kept value is made from: writing them changes nothing kept. The access
 * log is written on reads (a download is logged); its pages are read afresh every time.
 */
const UNKEPT_TABLES = new Set(['auditEvent', 'audit_event']);

export class WriteEpoch implements KyselyPlugin {
  private count = 0;

  current(): number {
    return this.count;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (isWrite(args.node)) this.count++;
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

function isWrite(node: RootOperationNode): boolean {
  switch (node.kind) {
    case 'SelectQueryNode':
      return false;
    case 'InsertQueryNode':
      return !UNKEPT_TABLES.has(node.into?.table.identifier.name ?? '');
    case 'RawNode': {
      // Written SQL: a read when it starts with select/with ... select; anything else counts.
      const text = node.sqlFragments.join(' ').trim().toLowerCase();
      return !/^(select|with|show|explain)\b/.test(text) || /\b(insert|update|delete)\b/.test(text);
    }
    default:
      return true;
  }
}

/**
 * Values computed from the database, kept until the next write (see WriteEpoch). A value is
 * kept only if no write happened while it was being computed. Without an epoch (a PostgreSQL
 * server, which other processes may change) nothing is kept.
 */
export class EpochCache<V> {
  private seen = -1;
  private readonly values = new Map<string, V>();

  constructor(
    private readonly epoch: WriteEpoch | null,
    private readonly max = 1000,
  ) {}

  /** The kept value, if there is one and nothing has been written since. */
  get(key: string): V | undefined {
    if (!this.epoch) return undefined;
    this.sync();
    return this.values.get(key);
  }

  /** Where a computation starts: pass it to set() when the value is ready. */
  mark(): number {
    return this.epoch?.current() ?? -1;
  }

  set(key: string, value: V, startedAt: number): void {
    if (!this.epoch || this.epoch.current() !== startedAt) return;
    this.sync();
    this.values.set(key, value);
    if (this.values.size > this.max) {
      const oldest = this.values.keys().next().value;
      if (oldest !== undefined) this.values.delete(oldest);
    }
  }

  private sync(): void {
    const now = this.epoch?.current() ?? -1;
    if (now !== this.seen) {
      this.values.clear();
      this.seen = now;
    }
  }
}

/**
 * Values computed from the database, each filed with the council revision it was made at
 * (PlanScopeRow.revision, read before the value's own reads): a value is given back only to
 * a reader who sees the same revision, so it is exact on the embedded database and on a
 * server shared by several processes alike. A value made while something else committed is
 * filed under a revision no reader sees again. At most `max` values, the least used dropped.
 */
export class RevisionCache<V> {
  private readonly values = new Map<string, { revision: string; value: V }>();

  constructor(private readonly max = 500) {}

  get(key: string, revision: string | null): V | undefined {
    if (revision === null) return undefined;
    const kept = this.values.get(key);
    if (!kept) return undefined;
    this.values.delete(key);
    if (kept.revision !== revision) return undefined;
    this.values.set(key, kept);
    return kept.value;
  }

  set(key: string, revision: string | null, value: V): void {
    if (revision === null) return;
    this.values.delete(key);
    this.values.set(key, { revision, value });
    if (this.values.size > this.max) {
      const oldest = this.values.keys().next().value;
      if (oldest !== undefined) this.values.delete(oldest);
    }
  }
}
