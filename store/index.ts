export { json, type Queryable, type Store } from './db.ts';
export { migrate } from './migrate.ts';
export { type OpenStoreOptions, openStore } from './open.ts';
export * from './queries/classifications.ts';
export * from './queries/documents.ts';
export * from './queries/frontier.ts';
export * from './queries/incidents.ts';
export * from './queries/notifications.ts';
export * from './queries/sources.ts';
