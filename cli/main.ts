import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { ConfigError, type Env, loadEnv } from '../config/index.ts';
import type { App } from './app.ts';

// Commands are imported when run: a fetch worker does not load the report, dashboard and classifier
// libraries (about 100 MB of resident memory), and `--help` answers at once.
const commands = {
  app: () => import('./app.ts'),
  classify: () => import('./commands/classify.ts'),
  demo: () => import('./commands/demo.ts'),
  extract: () => import('./commands/extract.ts'),
  incidents: () => import('./commands/incidents.ts'),
  people: () => import('./commands/people.ts'),
  reports: () => import('./commands/reports.ts'),
  run: () => import('./commands/run.ts'),
  sources: () => import('./commands/sources.ts'),
  train: () => import('./commands/train.ts'),
  web: () => import('./commands/web.ts'),
};

const HELP = `diemtin — press monitoring and crisis response for a Department of Education and Training

Usage: diemtin <command> [options]

  demo [--serve]               run the bundled fixture province end to end on the embedded store;
                               --serve then opens the dashboard on it
  run [--no-web]               scheduler, all stages and the dashboard in one process
  worker --stages a,b [--scheduler]   run chosen stages from Redis queues (needs REDIS_URL)
  classify [--province SLUG]   JSON Lines {id,title,text,kind} on stdin → labels on stdout
  extract                      JSON Lines {id,url,html} on stdin → article fields on stdout
  train [FILES…] [--out FILE] [--all] [--learner linear|nb|blend] [--corrections]
                                      train the classifier model from labeled JSON Lines (default: the corpus);
                                      --corrections adds the label corrections made in the dashboard
  eval [FILES…] [--split test|dev|all] [--out DIR]   per-label precision, recall, F1 and confusions
  digest [--date YYYY-MM-DD] [--send] [--to a@x,b@y]   the daily digest (default: yesterday, Vietnam time)
  report monthly --month YYYY-MM [--out FILE] [--unit PLACE]   the monthly opinion report (.docx)
  report spokesperson --year YYYY [--out DIR]   yearly spokesperson statistics (.docx and .csv)
  export mentions --out FILE.csv|.xlsx [filters]   mentions with their labels (diemtin export --help)
  incidents list|show|ack|assign|facts|statement|monitor|resolve|dismiss|press|answer|refuse|correction|complied|stats|spikes|sweep
                               incidents, their legal clock and records (diemtin incidents for details)
  people list|add|remove|designate|authorise|publish|revoke
                               who may speak for the Department (diemtin people for details)
  crawl --once [--source ID]   poll every source (or one) now, with a progress bar, and report
  sources check                probe every source with its configuration and print a health table
  sources list                 sources and their health
  sources enable ID            re-enable a source disabled after repeated failures
  web [--host H] [--port P]    the dashboard and its JSON API (default http://127.0.0.1:8080)
  users add|list|remove        dashboard accounts (diemtin users for details)
  tokens add|list|revoke       bearer tokens for the JSON API
  labels export [--out FILE]   press officers' label corrections as training JSON Lines
  migrate                      create or update the database schema

Common options: --province SLUG, --sources FILE (in the province folder)
Environment: DATABASE_URL, REDIS_URL, DATA_DIR, OUTPUT_DIR, SMTP_URL, CHROMIUM_PATH … (see README)`;

/** Runs one command; returns the exit code. Errors print as one clear message. */
export async function main(argv: string[]): Promise<number> {
  // These two have many options of their own: they parse their arguments themselves.
  if (argv[0] === 'incidents' || argv[0] === 'people') return subcommand(argv[0], argv.slice(1));
  if (argv[0] === 'users' || argv[0] === 'tokens' || argv[0] === 'web' || argv[0] === 'labels')
    return webSubcommand(argv[0], argv.slice(1));
  if (argv[0] === 'digest' || argv[0] === 'report' || argv[0] === 'export') return reports(argv);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      province: { type: 'string' },
      sources: { type: 'string' },
      date: { type: 'string' },
      stages: { type: 'string' },
      source: { type: 'string' },
      once: { type: 'boolean', default: false },
      scheduler: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      split: { type: 'string' },
      all: { type: 'boolean', default: false },
      learner: { type: 'string' },
      corrections: { type: 'boolean', default: false },
      'no-web': { type: 'boolean', default: false },
      serve: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, sub] = positionals;
  if (!command || values.help) {
    process.stdout.write(`${HELP}\n`);
    return command || values.help ? 0 : 1;
  }
  try {
    const env = loadEnv(process.env, {
      DIEMTIN_PROVINCE: values.province,
      DIEMTIN_SOURCES: values.sources,
      ...(command === 'classify' || command === 'extract' ? { LOG_LEVEL: 'warn' as const } : {}),
    });
    return await dispatch(command, sub, values, env, positionals);
  } catch (err) {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`diemtin ${command}: ${(err as Error).message}\n`);
    return 2;
  }
}

async function dispatch(
  command: string,
  sub: string | undefined,
  values: Record<string, unknown>,
  env: Env,
  positionals: string[],
): Promise<number> {
  switch (command) {
    case 'demo':
      await (await commands.demo()).demoCommand(
        { ...env, LOG_LEVEL: process.env.LOG_LEVEL ? env.LOG_LEVEL : 'warn' },
        process.stdout,
        {
          serve: Boolean(values.serve),
        },
      );
      return 0;
    case 'run':
      return (await commands.run()).runCommand(env, { web: !values['no-web'] });
    case 'worker':
      return (await commands.run()).workerCommand(
        env,
        values.stages as string | undefined,
        Boolean(values.scheduler),
      );
    case 'classify':
      return (await commands.classify()).classifyCommand(env, process.stdin, process.stdout);
    case 'extract':
      return (await commands.extract()).extractCommand(process.stdin, process.stdout);
    case 'train':
      return (await commands.train()).trainCommand(
        env,
        {
          paths: positionals.slice(1),
          out: values.out as string | undefined,
          all: Boolean(values.all),
          learner: values.learner as string | undefined,
          corrections: values.corrections
            ? (await (await commands.web()).exportCorrections(env)).path
            : undefined,
        },
        process.stdout,
        process.stderr,
      );
    case 'eval':
      return (await commands.train()).evalCommand(
        env,
        {
          paths: positionals.slice(1),
          split: (values.split as string | undefined) ?? 'test',
          outDir: (values.out as string | undefined) ?? join(env.OUTPUT_DIR, 'eval'),
        },
        process.stdout,
        process.stderr,
      );
    case 'migrate': {
      const app = await (await commands.app()).buildApp(env);
      await app.close();
      process.stdout.write('database schema is up to date\n');
      return 0;
    }
    case 'crawl':
      if (!values.once)
        throw new Error('use: diemtin crawl --once [--source ID] (`diemtin run` polls continuously)');
      return (await commands.sources()).crawlOnceCommand(
        env,
        values.source as string | undefined,
        process.stdout,
      );
    case 'sources':
      if (sub === 'check') return (await commands.sources()).sourcesCheckCommand(env, process.stdout);
      return withApp(env, async (app) => {
        const { enableSource, listSources } = await import('../store/index.ts');
        const { vnTime } = await import('../alerts/index.ts');
        if (sub === 'enable') {
          const id = positionals[2];
          if (!id || !(await enableSource(app.ctx.store, id))) throw new Error(`no source "${id ?? ''}"`);
          process.stdout.write(`source ${id} enabled\n`);
          return;
        }
        if (sub !== 'list')
          throw new Error(`unknown: sources ${sub ?? ''} (try: sources list, sources enable ID)`);
        for (const s of await listSources(app.ctx.store))
          process.stdout.write(
            `${s.id}\t${s.kind}\t${s.enabled && !s.health_disabled ? 'on' : `off (${s.disabled_reason ?? ''})`}\tlast ok: ${s.last_success_at ? vnTime(s.last_success_at) : '-'}\tfailures: ${s.consecutive_failures}\t${s.last_error ?? ''}\n`,
          );
      });
    default:
      throw new Error(`unknown command "${command}"; run diemtin --help`);
  }
}

/**
 * A command with subcommands of its own: --help, --province and --sources, then `run`; bad configuration or
 * input ends with its message and exit code 2. `load` imports the command's module when it is used.
 */
async function delegate(
  name: string,
  argv: string[],
  load: () => Promise<{ help: string; run: (env: Env) => Promise<number> }>,
  o: { quiet?: boolean } = {},
): Promise<number> {
  const command = await load();
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    const { values } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: false,
      options: { province: { type: 'string' }, sources: { type: 'string' } },
    });
    const env = loadEnv(process.env, {
      DIEMTIN_PROVINCE: values.province as string | undefined,
      DIEMTIN_SOURCES: values.sources as string | undefined,
      LOG_LEVEL: o.quiet && !process.env.LOG_LEVEL ? 'warn' : undefined,
    });
    return await command.run(env);
  } catch (err) {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else if (err instanceof ZodError)
      process.stderr.write(
        `diemtin ${name}: ${err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}\n`,
      );
    else process.stderr.write(`diemtin ${name}: ${(err as Error).message}\n`);
    return 2;
  }
}

const reports = (argv: string[]) =>
  delegate(
    argv[0]!,
    argv,
    async () => {
      const m = await commands.reports();
      return {
        help: m.REPORTS_HELP,
        run: (env) => m.reportsCommand(env, argv, process.stdout, process.stderr),
      };
    },
    { quiet: true },
  );

const subcommand = (command: 'incidents' | 'people', argv: string[]) =>
  delegate(command, argv, async () => {
    if (command === 'incidents') {
      const m = await commands.incidents();
      return {
        help: m.INCIDENTS_HELP,
        run: (env) => m.incidentsCommand(env, argv, process.stdout, process.stderr),
      };
    }
    const m = await commands.people();
    return { help: m.PEOPLE_HELP, run: (env) => m.peopleCommand(env, argv, process.stdout, process.stderr) };
  });

const webSubcommand = (command: 'users' | 'tokens' | 'web' | 'labels', argv: string[]) =>
  delegate(
    command,
    argv,
    async () => {
      const m = await commands.web();
      return {
        help: m.USERS_HELP,
        run: (env) => {
          if (command === 'web') return m.webCommand(env, argv);
          if (command === 'labels') return m.labelsCommand(env, argv, process.stdout);
          return m.accountsCommand(command, env, argv, process.stdout);
        },
      };
    },
    { quiet: command !== 'web' },
  );

async function withApp(env: Env, fn: (app: App) => Promise<void>): Promise<number> {
  const app = await (await commands.app()).buildApp(env);
  try {
    await fn(app);
    return 0;
  } finally {
    await app.close();
  }
}
