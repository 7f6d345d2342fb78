import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Queryable, Store } from './db.ts';

// int8 and numeric as JS numbers, as the postgres.js store does.
const parsers = { 20: (v: string) => Number(v), 1700: (v: string) => Number(v) };

function wrap(q: PGlite | Transaction): Queryable {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      const res = await q.query<T>(text, params, { parsers });
      return res.rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
  };
}

/** Embedded PostgreSQL (WebAssembly) in a data folder; `memory://` for a throwaway database. */
export async function openPglite(dataDir: string): Promise<Store> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { parsers });
  const base = wrap(db);
  let closed = false;
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
}
