// Screenshots of the dashboard's main pages for the docs, from a running server (e.g. `npm run demo -- --serve`):
//   tsx scripts/web-screenshots.ts http://127.0.0.1:8080 demo PASSWORD [INCIDENT_ID] [DIGEST_DAY]
// Writes docs/images/web-*.png.
import { chromium } from 'playwright';

const [base = 'http://127.0.0.1:8080', user = 'demo', password = '', incident = '1', day] =
  process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  await page.goto(`${base}/dang-nhap`);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
  const vnToday = day ?? new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const shots: [string, string][] = [
    ['tong-quan', '/'],
    ['diem-tin', `/diem-tin?ngay=${vnToday}`],
    ['tin-bai', '/tin-bai?q=hoc+sinh'],
    ['su-co', '/su-co'],
    ['su-viec', `/su-co/${incident}`],
    ['nguon', '/nguon'],
    ['bao-cao', '/bao-cao'],
  ];
  for (const [name, path] of shots) {
    await page.goto(base + path);
    await page.screenshot({ path: `docs/images/web-${name}.png` });
    process.stdout.write(`docs/images/web-${name}.png\n`);
  }
} finally {
  await browser.close();
}
