import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDayOf } from '../../reports/index.ts';
import { getIncident, listStatements, type Store } from '../../store/index.ts';
import type { Listening } from '../../web/index.ts';
import { correctionsJsonl } from '../../web/labels.ts';
import { later, mention, storeMention } from '../helpers/incidents.ts';
import { postgresStore } from '../helpers/services.ts';
import { PASSWORD, seedWeb, serveWeb, T0, WebClient } from '../helpers/web.ts';

const SHOTS = 'out/screenshots';
/** `UPDATE_DOCS=1` refreshes docs/images/web-*.png from this run. */
const UPDATE_DOCS = process.env.UPDATE_DOCS === '1';

/** Attacker-controlled strings as a crawled page could carry them. */
const XSS = {
  title:
    '<script>window.__xss="title"</script><img src=x onerror="window.__xss=\'img\'"> Trường THPT Bát Xát: học sinh bị đánh',
  text: "Clip học sinh bị đánh hội đồng ở Trường THPT Bát Xát, xã Bát Xát lan truyền. <svg onload=\"window.__xss='svg'\"></svg> \"><script>alert(1)</script> ' onmouseover='window.__xss=1",
  outlet: '<b onclick="window.__xss=\'outlet\'">Trang tin</b>',
};

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `web-${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  if (UPDATE_DOCS) copyFileSync(file, join('docs/images', `web-${name}.png`));
}

describe('dashboard in Chromium (PostgreSQL, real server on 127.0.0.1)', () => {
  let store: Store;
  let drop: () => Promise<void>;
  let web: Listening;
  let browser: Browser;
  let seed: Awaited<ReturnType<typeof seedWeb>>;
  let hostile: { docId: number; incidentId: number };
  const alerts: string[] = [];
  /** Console errors, CSP violations among them: the pages need nothing the policy forbids. */
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ({ store, drop } = await postgresStore());
    seed = await seedWeb(store);
    // More coverage for the digest and the trend: a positive item and a national one today.
    await storeMention(store, {
      title: 'Lào Cai khánh thành trường PTDTBT mới ở xã Y Tý trước ngày Nhà giáo Việt Nam',
      text: 'Ngôi trường mới khang trang giúp 400 học sinh dân tộc thiểu số ở xã Y Tý có chỗ học, chỗ ở bán trú.',
      sentiment: 'positive',
      topics: ['finance-facilities', 'inclusion'],
      publishedAt: later(T0, -1),
    });
    await storeMention(store, {
      title: 'Bộ GD&ĐT công bố lịch thi tốt nghiệp THPT năm 2027',
      text: 'Kỳ thi tốt nghiệp THPT năm 2027 diễn ra trong hai ngày cuối tháng 6.',
      outlet: 'Báo Giáo dục',
      tier: 'national',
      scope: 'national',
      sentiment: 'neutral',
      topics: ['exams'],
      publishedAt: later(T0, -1),
    });
    web = await serveWeb(store, seed.config);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await drop?.();
  });

  async function loggedIn(username: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      locale: 'vi-VN',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      // A refused form's 403/409 page is expected; anything else (a CSP violation, a script error) is not.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        consoleErrors.push(m.text());
    });
    page.on('dialog', async (d) => {
      alerts.push(d.message());
      await d.dismiss();
    });
    await page.goto(`${web.url}/`);
    await expect.poll(() => page.url()).toContain('/dang-nhap');
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${web.url}/`);
    return page;
  }

  it('office: overview, digest, incident handled through the legal clock, report download, label correction', async () => {
    const page = await loggedIn('vanphong');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tổng quan');
    expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(30);
    expect(await page.locator('main').textContent()).toContain('31 học sinh bán trú');
    // The countdown is live: the script rewrote the server's text to the same form.
    expect(await page.locator('.countdown').first().textContent()).toMatch(/^(còn|quá hạn) \d+/);
    await shot(page, 'tong-quan');

    await page.goto(`${web.url}/diem-tin?ngay=${vnDayOf(later(T0, -1))}`);
    const digest = (await page.locator('main').textContent())!;
    expect(digest).toContain('khánh thành trường PTDTBT');
    expect(digest).toContain('lịch thi tốt nghiệp THPT');
    await shot(page, 'diem-tin');

    await page.goto(`${web.url}/su-co`);
    await shot(page, 'su-co');
    await page.click(`a[href="/su-co/${seed.food}"]`);
    await page.waitForURL(`${web.url}/su-co/${seed.food}`);
    expect(await page.locator('#facts-clock').textContent()).toMatch(/còn \d/);
    await page.fill('#form-ack input[name=note]', 'Văn phòng đã nhận');
    await page.click('#form-ack button[type=submit]');
    await page.waitForURL(/xong=ack/);
    expect(await page.locator('.flash.ok').textContent()).toContain('Tiếp nhận');
    await page.fill(
      '#form-facts textarea[name=text]',
      '31 học sinh đã được xuất viện; mẫu thức ăn đang xét nghiệm.',
    );
    await page.click('#form-facts button[type=submit]');
    await page.waitForURL(/xong=facts/);
    expect(await page.locator('#facts-clock').textContent()).toContain('đã xong');
    expect(await page.locator('#statement-clock').textContent()).toMatch(/còn \d/);
    await page.selectOption('#form-statement select[name=speaker]', 'pho-giam-doc-1');
    await page.selectOption('#form-statement select[name=channel]', 'portal');
    await page.fill(
      '#form-statement textarea[name=text]',
      'Sở GD&ĐT đã chỉ đạo nhà trường phối hợp y tế chăm sóc các em.',
    );
    await page.click('#form-statement button[type=submit]');
    await page.waitForURL(/xong=statement/);
    expect(await page.locator('#statement-clock').textContent()).toContain('đã xong');
    await shot(page, 'su-viec');
    const inc = (await getIncident(store, seed.food))!;
    expect(inc.state).toBe('statement-issued');
    expect((await listStatements(store, seed.food))[0]).toMatchObject({
      speaker_id: 'pho-giam-doc-1',
      recorded_by: 'theo-doi-1',
    });

    // A statement by someone who may not speak is refused with the rule, and nothing is recorded.
    await page.selectOption('#form-statement select[name=speaker]', 'truong-phong-khtc');
    await page.fill('#form-statement textarea[name=text]', 'Phát ngôn không đúng thẩm quyền');
    await page.click('#form-statement button[type=submit]');
    expect(await page.locator('.flash.error').textContent()).toContain('không được phát ngôn');
    expect(await listStatements(store, seed.food)).toHaveLength(1);

    await page.goto(`${web.url}/bao-cao`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#form-monthly button[type=submit]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bao-cao-thang-\d{4}-\d{2}\.docx$/);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');

    await page.goto(`${web.url}/tin-bai?q=ngo+doc+thuc+pham`);
    expect(await page.locator('#total').textContent()).toMatch(/^1 tin/);
    await shot(page, 'tin-bai');
    await page.goto(`${web.url}/tin-bai/${seed.moneyDoc}`);
    await page.check('#label-form input[name=sentiment][value=neutral]');
    await page.uncheck('#label-form input[name=risks][value=fees]');
    await page.check('#label-form input[name=topics][value=inspection]');
    await page.click('#label-form button[type=submit]');
    await page.waitForURL(/xong=1/);
    expect(await page.locator('main').textContent()).toContain('Lịch sử sửa nhãn');
    const [c] = await store.query<{ sentiment: string; risks: string[]; topics: string[]; username: string }>(
      'SELECT sentiment, risks, topics, username FROM label_corrections WHERE document_id = $1',
      [seed.moneyDoc],
    );
    expect(c).toEqual({
      sentiment: 'neutral',
      risks: [],
      topics: ['finance-facilities', 'inspection'],
      username: 'vanphong',
    });
    const { lines } = await correctionsJsonl(store, seed.config);
    expect(JSON.parse(lines.trim()).labels).toMatchObject({
      sentiment: 'neutral',
      risks: [],
      scope: 'province',
    });
    await page.context().close();
  });

  it('a department account gets 403 on another department’s incident', async () => {
    const page = await loggedIn('phonggdpt');
    const res = await page.goto(`${web.url}/su-co/${seed.money}`);
    expect(res!.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Không có quyền');
    await page.goto(`${web.url}/su-co`);
    expect(await page.locator(`a[href="/su-co/${seed.money}"]`).count()).toBe(0);
    await page.context().close();
  });

  it('runs none of the script and markup in crawled titles, texts, outlets and links', async () => {
    const h = await mention(
      store,
      seed.config,
      {
        title: XSS.title,
        text: XSS.text,
        outlet: XSS.outlet,
        topics: ['school-culture'],
        risks: { violence: 0.95 },
        places: ['Bát Xát'],
        publishedAt: later(T0, 0.2),
      },
      later(T0, 0.5),
    );
    hostile = { docId: h.id, incidentId: h.incidentId! };
    await store.query('UPDATE documents SET url = \'javascript:window.__xss="href"\' WHERE id = $1', [h.id]);
    const page = await loggedIn('quantri');
    const pages = [
      '/',
      `/diem-tin?ngay=${vnDayOf(later(T0, 0.2))}`,
      '/tin-bai',
      `/tin-bai/${hostile.docId}`,
      '/su-co',
      `/su-co/${hostile.incidentId}`,
    ];
    for (const path of pages) {
      const res = await page.goto(web.url + path);
      expect(res!.status(), path).toBe(200);
      expect(res!.headers()['content-security-policy'], path).toContain("script-src 'self'");
      expect(
        await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
        path,
      ).toBeUndefined();
      // The payload shows as text, and no element from it exists.
      expect(await page.locator('main').textContent(), path).toContain(
        '<script>window.__xss="title"</script>',
      );
      expect(await page.locator('main img, main svg[onload], main b[onclick]').count(), path).toBe(0);
      for (const href of await page
        .locator('a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')))
        expect(href.toLowerCase(), path).not.toContain('javascript:');
    }
    // The login form is open to anyone: a username is attacker-controlled too, and shows in the audit log.
    const stranger = new WebClient(web.url);
    expect(await stranger.login('<img src=x onerror="window.__xss=\'login\'">', 'sai-mat-khau-1')).toBe(401);
    await page.goto(`${web.url}/cau-hinh`);
    expect(await page.locator('main').textContent()).toContain(
      '<img src=x onerror="window.__xss=\'login\'">',
    );
    expect(await page.locator('main img').count()).toBe(0);
    await page.locator('main').hover();
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(alerts).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
