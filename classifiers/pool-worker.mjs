// Entry of a classifier pool thread: the TypeScript loader first (a worker does not inherit it), then the worker.
import { register } from 'tsx/esm/api';

register();
await import('./pool-worker.ts');
