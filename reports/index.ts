export { type Chart, topicChart, volumeChart } from './charts.ts';
export {
  addDays,
  DaySchema,
  dayBounds,
  type Month,
  MonthSchema,
  monthOf,
  vnDayOf,
  vnLongDate,
} from './dates.ts';
export { buildDigest, type DigestResult, writeDigest, writeDigestFiles } from './digest.ts';
export { type DayFigures, type DigestData, type DigestItem, digestData } from './digest-data.ts';
export { renderPage } from './digest-page.ts';
export { digestTitle, renderEmail, renderMarkdown } from './digest-render.ts';
export {
  type DeliveryState,
  digestDelivery,
  digestKey,
  dueDigestDay,
  NoRecipientsError,
  queueDigest,
  scheduleDigest,
} from './digest-send.ts';
export { COLUMNS, csvField, ExportFilter, exportMentions, type MentionRow, mentions } from './export.ts';
export { forecast, schoolCalendar } from './forecast.ts';
export { checkMonth, type MonthlyReport, monthlyReport, ReportInputError, signatureOf } from './monthly.ts';
export { type MonthlyData, monthlyData } from './monthly-data.ts';
export { monthChange } from './monthly-docx.ts';
export { issuer, type ReportScope, reportScope, UnitInput } from './scope.ts';
export { splitSentences, summarize } from './sentences.ts';
export { type SpokespersonReport, spokespersonReport, statisticsCsv, YearSchema } from './spokesperson.ts';
