/** What every query function needs: parameterised SQL ($1, $2 …) returning plain rows. */
export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

/** A database: PGlite in a folder (embedded) or a PostgreSQL server (postgres.js). */
export interface Store extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Idempotent: closing twice is harmless. */
  close(): Promise<void>;
}

/** Lists and objects go to jsonb columns as JSON text, with a ::jsonb cast in the SQL. */
export const json = (value: unknown): string => JSON.stringify(value);
