import { parseArgs } from 'node:util';
import { addPerson, authorise, designate, IncidentError, markPaper, vnTime } from '../../alerts/index.ts';
import type { Env } from '../../config/index.ts';
import { listAuthorisations, listDesignations, listPeople, setPersonActive } from '../../store/index.ts';
import { buildApp } from '../app.ts';
import { reportRefusal, vnDateArg } from './incidents.ts';

export const PEOPLE_HELP = `diemtin people — who may speak for the Department (people.yaml is the seed; changes here are kept)

  list [--json]                                   people, the standing spokesperson, authorisations
  add --id ID --name N --title T --role R --email E [--phone P] [--department D]
                                                  roles: head, deputy, spokesperson, staff, monitor (also updates)
  remove ID                                       no longer active (kept in the records)
  designate PERSON --by HEAD --document D [--at T] [--published-at T]
                                                  the standing spokesperson (Decree 244/2026 Art. 3.2-3.3)
  authorise PERSON --incident ID --by HEAD --document D --until T [--signed-at T] [--from T] [--published-at T]
                                                  a written authorisation for one case and a fixed period
  publish designation|authorisation ID [--at T]   published on the Department's portal
  revoke designation|authorisation ID [--at T]`;

const OPTIONS = {
  id: { type: 'string' },
  name: { type: 'string' },
  title: { type: 'string' },
  role: { type: 'string' },
  email: { type: 'string' },
  phone: { type: 'string' },
  department: { type: 'string' },
  by: { type: 'string' },
  document: { type: 'string' },
  at: { type: 'string' },
  'published-at': { type: 'string' },
  'signed-at': { type: 'string' },
  from: { type: 'string' },
  until: { type: 'string' },
  incident: { type: 'string' },
  matter: { type: 'string' },
  json: { type: 'boolean', default: false },
  province: { type: 'string' },
  sources: { type: 'string' },
} as const;

/** `diemtin people …`; returns the exit code. */
export async function peopleCommand(
  env: Env,
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
) {
  const { values: v, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const [sub, a1, a2] = positionals;
  if (!sub) {
    out.write(`${PEOPLE_HELP}\n`);
    return 1;
  }
  const app = await buildApp(env);
  const { store, config } = app.ctx;
  const p = config.province.slug;
  const now = app.ctx.now();
  const say = (s: string) => out.write(`${s}\n`);
  try {
    switch (sub) {
      case 'list': {
        const [people, designations, auths] = await Promise.all([
          listPeople(store, p),
          listDesignations(store, p),
          listAuthorisations(store, p),
        ]);
        if (v.json) {
          say(JSON.stringify({ people, designations, authorisations: auths }, null, 2));
          break;
        }
        for (const x of people)
          say(
            `${x.id}\t${x.role}\t${x.name}\t${x.title}\t${x.email}${x.active ? '' : '\t(không còn hoạt động)'}`,
          );
        for (const d of designations)
          say(
            `chỉ định số ${d.id}: ${d.person_id} làm người phát ngôn từ ${vnTime(d.designated_at)}${d.published_at ? `, công bố ${vnTime(d.published_at)}` : ', CHƯA công bố'}${d.revoked_at ? `, hết hiệu lực ${vnTime(d.revoked_at)}` : ''}`,
          );
        for (const a of auths)
          say(
            `ủy quyền số ${a.id} (${a.document}): ${a.person_id} do ${a.granted_by} ký ${vnTime(a.signed_at)}, ${a.incident_id ? `sự việc #${a.incident_id}` : a.matter}, đến ${vnTime(a.valid_until)}${a.published_at ? `, công bố ${vnTime(a.published_at)}` : ', CHƯA công bố'}${a.revoked_at ? ', đã thu hồi' : ''}`,
          );
        break;
      }
      case 'add':
        await addPerson(store, config, {
          id: v.id ?? '',
          name: v.name ?? '',
          title: v.title ?? '',
          role: (v.role ?? '') as 'staff',
          email: v.email ?? '',
          phone: v.phone ?? null,
          department: v.department ?? null,
        });
        say(`Đã lưu ${v.id}.`);
        break;
      case 'remove':
        if (!a1 || !(await setPersonActive(store, p, a1, false)))
          throw new IncidentError(
            'unknown-person',
            `Không có người "${a1 ?? ''}"`,
            `no person "${a1 ?? ''}"`,
          );
        say(`${a1} không còn hoạt động.`);
        break;
      case 'designate': {
        const id = await designate(store, config, {
          person: a1 ?? '',
          by: v.by ?? '',
          at: vnDateArg(v.at) ?? now,
          document: v.document ?? '',
          publishedAt: vnDateArg(v['published-at']),
        });
        say(`Đã chỉ định ${a1} làm người phát ngôn (số ${id}).`);
        break;
      }
      case 'authorise': {
        const id = await authorise(store, config, {
          person: a1 ?? '',
          by: v.by ?? '',
          incidentId: Number(v.incident),
          document: v.document ?? '',
          signedAt: vnDateArg(v['signed-at']) ?? now,
          validFrom: vnDateArg(v.from),
          validUntil: vnDateArg(v.until) ?? new Date(Number.NaN),
          publishedAt: vnDateArg(v['published-at']),
          matter: v.matter,
        });
        say(`Đã ghi nhận ủy quyền số ${id} cho ${a1} (sự việc #${v.incident}).`);
        break;
      }
      case 'publish':
      case 'revoke': {
        if (a1 !== 'designation' && a1 !== 'authorisation')
          throw new IncidentError(
            'bad-command',
            'Cần "designation" hoặc "authorisation"',
            'expected designation or authorisation',
          );
        await markPaper(
          store,
          config,
          a1,
          Number(a2),
          sub === 'publish' ? 'published' : 'revoked',
          vnDateArg(v.at) ?? now,
        );
        say(`Đã ghi nhận ${sub === 'publish' ? 'công bố' : 'thu hồi'} ${a1} số ${a2}.`);
        break;
      }
      default:
        throw new IncidentError(
          'bad-command',
          `Không có lệnh "people ${sub}"`,
          `unknown command "people ${sub}"; see diemtin people`,
        );
    }
    return 0;
  } catch (e) {
    if (!reportRefusal(e, err)) throw e;
    return 1;
  } finally {
    await app.close();
  }
}
