import { join } from 'node:path';
import type { Store } from './db.ts';
import { migrate } from './migrate.ts';
import { openPostgres } from './postgres.ts';

export interface OpenStoreOptions {
  databaseUrl?: string;
  dataDir: string;
  schema?: string;
}

/**
 * Opens PostgreSQL when a URL is given, else PGlite in dataDir, and brings the schema up to date. PGlite is
 * loaded only when used: a process on PostgreSQL does not carry its WebAssembly module.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store = options.databaseUrl
    ? openPostgres(options.databaseUrl, { schema: options.schema })
    : await (await import('./pglite.ts')).openPglite(
        options.dataDir.startsWith('memory://') ? options.dataDir : join(options.dataDir, 'pg'),
      );
  try {
    await migrate(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
