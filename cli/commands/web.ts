import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Env } from '../../config/index.ts';
import {
  addWebAudit,
  deactivateWebUser,
  listApiTokens,
  listWebUsers,
  revokeApiToken,
} from '../../store/index.ts';
import { ROLE_NAMES, startWeb } from '../../web/index.ts';
import { correctionsJsonl } from '../../web/labels.ts';
import { addToken, addUser, UserInput } from '../../web/users.ts';
import { buildApp } from '../app.ts';
import { untilSignal } from './run.ts';

export const USERS_HELP = `diemtin web [--host H] [--port P] — the dashboard and its JSON API (docs/web.md)

diemtin users — dashboard accounts

  add USERNAME --role admin|office|department|leadership|viewer [--department ID] [--person ID] [--name N]
          the password is read from DIEMTIN_PASSWORD or the first line of stdin (at least 10 characters);
          --person links the account to a person of people.yaml (the actor of incident actions);
          adding an existing username updates it (a new password, role or department)
  list    accounts and roles
  remove USERNAME   deactivated; its sessions and API tokens end

diemtin tokens — bearer tokens for the JSON API

  add USERNAME [--name LABEL]   prints the token once (only its hash is kept)
  list
  revoke ID

diemtin labels export [--out FILE] — label corrections as training JSON Lines (diemtin train --corrections)`;

const OPTIONS = {
  role: { type: 'string' },
  department: { type: 'string' },
  person: { type: 'string' },
  name: { type: 'string' },
  province: { type: 'string' },
  sources: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
} as const;

async function readPassword(): Promise<string> {
  if (process.env.DIEMTIN_PASSWORD) return process.env.DIEMTIN_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Mật khẩu: ');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

/** `diemtin users …` and `diemtin tokens …`. */
export async function accountsCommand(
  command: 'users' | 'tokens',
  env: Env,
  argv: string[],
  out: NodeJS.WritableStream,
): Promise<number> {
  const { values: v, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const [sub, arg] = positionals;
  if (!sub) {
    out.write(`${USERS_HELP}\n`);
    return 1;
  }
  // Checked before the store opens: a bad password or role costs nothing.
  const newUser =
    command === 'users' && sub === 'add'
      ? UserInput.parse({
          username: arg ?? '',
          role: v.role,
          department: v.department,
          person: v.person,
          name: v.name,
          password: await readPassword(),
        })
      : undefined;
  const app = await buildApp(env);
  const { store, config } = app.ctx;
  const say = (s: string) => out.write(`${s}\n`);
  const audit = (action: string, target: string) =>
    addWebAudit(store, { userId: null, username: `cli:${process.env.USER ?? 'unknown'}`, action, target });
  try {
    if (newUser) {
      await addUser(store, config, newUser);
      await audit('user.add', `user:${arg}`);
      say(`account ${arg} (${v.role}) saved`);
    } else if (command === 'users' && sub === 'list') {
      for (const u of await listWebUsers(store))
        say(
          `${u.username}\t${u.role} (${ROLE_NAMES[u.role]})\t${u.department ?? '-'}\t${u.person_id ?? '-'}\t${u.active ? 'active' : 'inactive'}`,
        );
    } else if (command === 'users' && sub === 'remove') {
      if (!arg || !(await deactivateWebUser(store, arg))) throw new Error(`no account "${arg ?? ''}"`);
      await audit('user.remove', `user:${arg}`);
      say(`account ${arg} deactivated`);
    } else if (command === 'tokens' && sub === 'add') {
      if (!arg) throw new Error('use: diemtin tokens add USERNAME [--name LABEL]');
      const t = await addToken(store, arg, v.name ?? 'api');
      await audit('token.add', `token:${t.id}`);
      say(t.token);
    } else if (command === 'tokens' && sub === 'list') {
      for (const t of await listApiTokens(store))
        say(
          `${t.id}\t${t.username}\t${t.name}\tcreated ${t.created_at.toISOString()}\t${t.revoked_at ? 'revoked' : t.last_used_at ? `last used ${t.last_used_at.toISOString()}` : 'unused'}`,
        );
    } else if (command === 'tokens' && sub === 'revoke') {
      if (!arg || !(await revokeApiToken(store, Number(arg))))
        throw new Error(`no active token ${arg ?? ''}`);
      await audit('token.revoke', `token:${arg}`);
      say(`token ${arg} revoked`);
    } else throw new Error(`unknown: ${command} ${sub} (diemtin ${command} for help)`);
    return 0;
  } finally {
    await app.close();
  }
}

/** `diemtin web [--host H] [--port P]`: the dashboard alone (the monitor runs elsewhere). */
export async function webCommand(env: Env, argv: string[]): Promise<number> {
  const { values: v } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const app = await buildApp(env);
  const web = await startWeb(
    { store: app.ctx.store, config: app.ctx.config, env, log: app.ctx.log, webhookUrl: env.WEBHOOK_URL },
    { host: v.host, port: v.port === undefined ? undefined : Number(v.port) },
  ).catch(async (err) => {
    await app.close();
    throw err;
  });
  app.ctx.log.info({ url: web.url }, 'dashboard listening');
  process.stdout.write(`diemtin web: ${web.url}\n`);
  const signal = await untilSignal();
  app.ctx.log.info({ signal }, 'shutting down');
  await web.close();
  await app.close();
  return 0;
}

/** `diemtin labels export [--out FILE]`: label corrections as training JSON Lines (default out/labels/corrections.jsonl). */
export async function labelsCommand(env: Env, argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values: v, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...OPTIONS, out: { type: 'string' } },
  });
  if (positionals[0] !== 'export') throw new Error('use: diemtin labels export [--out FILE]');
  const file = await exportCorrections(env, v.out);
  out.write(`${file.count} corrected items → ${file.path}\n`);
  return 0;
}

/** Writes the corrections file and returns where (used by `labels export` and `train --corrections`). */
export async function exportCorrections(env: Env, path?: string): Promise<{ path: string; count: number }> {
  const target = resolve(path ?? join(env.OUTPUT_DIR, 'labels', 'corrections.jsonl'));
  const app = await buildApp(env);
  try {
    const { lines, count } = await correctionsJsonl(app.ctx.store, app.ctx.config);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, lines);
    return { path: target, count };
  } finally {
    await app.close();
  }
}
