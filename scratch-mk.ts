import { monthlyReport, spokespersonReport } from './reports/index.ts';
import { openStore } from './store/index.ts';
import { fixtureConfig } from './test/helpers/factories.ts';

const store = await openStore({ dataDir: 'data/demo' });
const r = await store.query(
  `SELECT to_char(COALESCE(published_at, fetched_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') m, count(*) FROM documents GROUP BY 1 ORDER BY 1`,
);
console.log(r);
const config = fixtureConfig();
const month = process.argv[2] ?? '2026-11';
const t = Date.now();
const rep = await monthlyReport(store, config, month, { out: `out/scratch/bao-cao-${month}.docx` });
console.log('monthly', Date.now() - t, rep.data.current, rep.data.incidents.length);
const s = await spokespersonReport(store, config, 2026, { outDir: 'out/scratch' });
console.log(s.csv);
await store.close();
