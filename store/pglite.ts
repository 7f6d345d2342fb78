import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
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

/**
 * Creates a new PGlite data folder in a short-lived child process. initdb runs in its own WebAssembly memory,
 * about 500 MB that a long-running process would otherwise keep for its lifetime (WebAssembly memory is
 * never returned to the system).
 */
async function initInChild(dataDir: string): Promise<void> {
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const script = `const { PGlite } = await import(${JSON.stringify(pglite)});
const db = await PGlite.create(process.argv[1]); await db.close();`;
  try {
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, dataDir], {
      timeout: 120_000,
    });
  } catch (err) {
    const e = err as Error & { stderr?: string };
    throw new Error(`could not create the embedded database in ${dataDir}: ${e.stderr?.trim() || e.message}`);
  }
}

/** Embedded PostgreSQL (WebAssembly) in a data folder; `memory://` for a throwaway database. */
export async function openPglite(dataDir: string): Promise<Store> {
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await initInChild(dataDir);
  }
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
