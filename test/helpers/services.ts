import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { openStore, type Store } from '../../store/index.ts';

/** The real services integration tests use; CI starts them, and a test fails loudly when one is missing. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(5).toString('hex')}`;

/** A fresh schema in the test PostgreSQL, migrated; dropped by the returned cleanup. */
export async function postgresStore(): Promise<{ store: Store; schema: string; drop: () => Promise<void> }> {
  const schema = uniqueName('t');
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE SCHEMA ${schema}`);
  const store = await openStore({ databaseUrl: TEST_DATABASE_URL, dataDir: '', schema });
  return {
    store,
    schema,
    async drop() {
      await store.close();
      await admin.unsafe(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** An in-memory PGlite, migrated. */
export async function pgliteStore(): Promise<{ store: Store; drop: () => Promise<void> }> {
  const store = await openStore({ dataDir: 'memory://' });
  return { store, drop: () => store.close() };
}

export type StoreKind = 'pglite' | 'postgres';

/** Both real store implementations, for suites that must pass on each. */
export const STORE_KINDS: StoreKind[] = ['pglite', 'postgres'];

export async function makeStore(kind: StoreKind) {
  return kind === 'pglite' ? pgliteStore() : postgresStore();
}

/** Deletes every Redis key under a BullMQ prefix. */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}
