import JSZip from 'jszip';
import { vnDate } from '../../crawlers/index.ts';
import {
  createStory,
  insertDocument,
  insertIncident,
  insertPressRequest,
  insertStatement,
  type Queryable,
  type StoredClassification,
  saveClassification,
} from '../../store/index.ts';
import { buildDocument } from './factories.ts';

/** Adds one classified document (a story of its own unless storyId is given); returns its id. */
export async function addMention(
  db: Queryable,
  at: Date,
  c: Partial<StoredClassification> & {
    title?: string;
    outlet?: string;
    lead?: string;
    kind?: 'news' | 'social';
  },
  storyId?: number,
): Promise<number> {
  const story = storyId ?? (await createStory(db, c.title ?? 'tin', c.outlet ?? 'Tin thử', at));
  const id = await insertDocument(
    db,
    buildDocument({
      publishedAt: at,
      fetchedAt: at,
      title: c.title ?? 'Tin về giáo dục Lào Cai',
      outlet: c.outlet ?? 'Tin thử',
      lead: c.lead ?? 'Phần tóm tắt. Câu thứ hai.',
      kind: c.kind ?? 'news',
    }),
    story,
  );
  await saveClassification(db, id!, 'test', {
    education: true,
    scope: 'province',
    places: [],
    topics: ['exams'],
    sentiment: 'neutral',
    risks: [],
    scores: {},
    explanations: {},
    ...c,
  });
  return id!;
}

/**
 * A small month of coverage (November 2026) and a bit of October for comparison, with one incident whose facts
 * came on time and whose statement was late, one answered press request.
 */
export async function seedNovember(db: Queryable) {
  for (let day = 1; day <= 30; day += 3) {
    await addMention(db, vnDate(2026, 11, day, 9), {
      topics: ['exams'],
      sentiment: 'positive',
      places: ['Bát Xát'],
    });
    await addMention(db, vnDate(2026, 11, day, 10), {
      topics: ['teachers', 'exams'],
      sentiment: 'negative',
      places: ['Sa Pa'],
    });
  }
  // A story carried by three outlets: the most notable positive one.
  const praised = await createStory(db, 'tuyên dương', 'Báo Lào Cai', vnDate(2026, 11, 20, 8));
  for (const [n, outlet] of ['Báo Lào Cai', 'Giáo dục Hôm nay', 'Tây Bắc Mới'].entries())
    await addMention(
      db,
      vnDate(2026, 11, 20, 8 + n),
      {
        title: 'Lào Cai tuyên dương 200 nhà giáo tiêu biểu',
        outlet,
        topics: ['recognition'],
        sentiment: 'positive',
      },
      praised,
    );
  await addMention(db, vnDate(2026, 11, 21, 8), { scope: 'national', topics: ['exams'] });
  await addMention(db, vnDate(2026, 10, 15, 8), { topics: ['exams'], sentiment: 'negative' });
  await addMention(db, vnDate(2026, 10, 16, 8), { topics: ['teachers'], sentiment: 'neutral' });
  const received = vnDate(2026, 11, 10, 8);
  const id = await insertIncident(db, {
    province: 'lao-cai',
    title: 'Phụ huynh phản ánh giáo viên đánh học sinh ở Sa Pa',
    level: 'su-co',
    department: 'to-chuc-can-bo',
    lead_by: 'department',
    rule_set: 'nd-244-2026',
    risks: ['teacher-misconduct'],
    topics: ['teachers'],
    places: ['Sa Pa'],
    event_at: received,
    received_at: received,
    facts_due_at: vnDate(2026, 11, 10, 16),
    statement_due_at: vnDate(2026, 11, 11, 8),
    first_seen_at: received,
    last_seen_at: received,
  });
  const statementAt = vnDate(2026, 11, 11, 10);
  await db.query(
    "UPDATE incidents SET facts_at = $2, statement_at = $3, state = 'resolved', closed_at = $4, closed_reason = 'Đã xử lý kỷ luật giáo viên' WHERE id = $1",
    [id, vnDate(2026, 11, 10, 14), statementAt, vnDate(2026, 11, 20, 8)],
  );
  await insertStatement(db, {
    incident_id: id,
    speaker_id: 'pho-giam-doc-1',
    speaker_as: 'standing',
    authorisation_id: null,
    channel: 'press-conference',
    text: 'Sở đã chỉ đạo xác minh.',
    at: statementAt,
    on_time: false,
    recorded_by: 'chanh-van-phong',
  });
  const req = await insertPressRequest(db, {
    incident_id: id,
    province: 'lao-cai',
    outlet: 'Báo Lào Cai',
    journalist: null,
    question: 'Kết quả xác minh?',
    received_at: vnDate(2026, 11, 10, 9),
    due_at: vnDate(2026, 11, 11, 9),
    recorded_by: 'chanh-van-phong',
  });
  await db.query("UPDATE press_requests SET state = 'answered', answered_at = $2 WHERE id = $1", [
    req,
    vnDate(2026, 11, 10, 20),
  ]);
  return { incidentId: id };
}

/** The parts of a .docx a reader sees, as XML text. */
export async function readDocx(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const text = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const headers = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => /^word\/header\d*\.xml$/.test(n))
      .map((n) => text(n)),
  );
  return {
    document: await text('word/document.xml'),
    styles: await text('word/styles.xml'),
    headers,
    media: Object.keys(zip.files).filter((n) => n.startsWith('word/media/')),
  };
}

/** The visible text of a WordprocessingML part: runs joined, paragraphs on their own lines. */
export const plainText = (xml: string) =>
  xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
