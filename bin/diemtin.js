#!/usr/bin/env node
// Entry point: registers the TypeScript loader, then runs the command line.
import { register } from 'tsx/esm/api';

register();
// Output piped into a command that stops reading (`| head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
