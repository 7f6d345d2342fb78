import postgres from 'postgres';
import type { Queryable, Store } from './db.ts';

type Sql = postgres.Sql | postgres.TransactionSql;

function wrap(sql: Sql): Queryable {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      return [...rows] as T[];
    },
    async exec(text: string) {
      await sql.unsafe(text);
    },
  };
}

/** A PostgreSQL server through postgres.js; `schema` sets the search_path (tests use one schema each). */
export function openPostgres(url: string, options: { schema?: string; max?: number } = {}): Store {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    types: {
      bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
      // Our queries send JSON as text with a ::jsonb cast; pass it through instead of encoding it again.
      jsonb: {
        to: 3802,
        from: [114, 3802],
        serialize: (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x)),
        parse: (x: string) => JSON.parse(x),
      },
      numeric: {
        to: 1700,
        from: [1700],
        serialize: (x: number) => String(x),
        parse: (x: string) => Number(x),
      },
    },
    connection: options.schema ? { search_path: options.schema } : {},
  });
  const base = wrap(sql);
  let closed = false;
  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => sql.begin((tx) => fn(wrap(tx))) as ReturnType<typeof fn>,
    async close() {
      if (closed) return;
      closed = true;
      await sql.end({ timeout: 5 });
    },
  };
}
