/**
 * Vietnamese sentence splitting for extractive summaries. A full stop ends a sentence when the next word starts
 * with a capital letter (or a quote or bracket before one), except after an abbreviation ("TS.", "TP.", "GS.TS.")
 * or a single capital initial, and never inside a number ("1.000", "20.11").
 */
const ABBREVIATIONS = new Set(
  [
    'tp',
    'tx',
    'q',
    'p',
    'h',
    'x',
    'ts',
    'ths',
    'gs',
    'pgs',
    'bs',
    'ks',
    'cn',
    'ls',
    'nxb',
    'st',
    'mr',
    'mrs',
    'dr',
    'vd',
    'v.v',
    'tr',
    'ctv',
    'pv',
    'btv',
    'ck',
    'bsck',
    'gs.ts',
    'pgs.ts',
    'tp.hcm',
    'nsưt',
    'nsnd',
    'ngnd',
    'ngưt',
  ].map((a) => a.normalize('NFC')),
);

/** The sentences of a text, in order, trimmed. */
export function splitSentences(text: string): string[] {
  const clean = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  const out: string[] = [];
  let start = 0;
  const re = /([.!?…]+)(["”»)]*)\s+(?=["“«(]?[\p{Lu}\d])/gu;
  for (let m = re.exec(clean); m; m = re.exec(clean)) {
    const end = m.index + m[1]!.length + m[2]!.length;
    const before = clean.slice(start, m.index);
    const word = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? '';
    // "TS. Nguyễn", "GS.TS. Lê", a lone initial "Nguyễn V. An": not the end of a sentence.
    if (m[1] === '.' && !m[2] && (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word))) continue;
    out.push(clean.slice(start, end).trim());
    start = end;
  }
  const rest = clean.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** Drops a dateline or byline in front of a news lead: "(GD&TĐ) - ", "LÀO CAI - ", "TPO - ". */
const stripDateline = (s: string) =>
  s
    .replace(/^\s*\([^)]{1,40}\)\s*[-–—:]\s*/u, '')
    .replace(/^\s*[\p{Lu}\s&.]{2,30}\s*[-–—]\s+(?=\p{Lu})/u, '');

/**
 * A one- or two-sentence extractive summary: the first sentences of the lead (or of the text), taking the second
 * only while the summary stays short, cut at a word boundary past `maxChars`.
 */
export function summarize(text: string, sentences = 2, maxChars = 320): string {
  const parts = splitSentences(stripDateline(text.normalize('NFC'))).filter(
    (s) => !/^(ảnh|video|clip)\s*[:.]/iu.test(s),
  );
  let out = '';
  for (const s of parts.slice(0, sentences)) {
    if (out && out.length + s.length + 1 > maxChars) break;
    out = out ? `${out} ${s}` : s;
  }
  if (out.length <= maxChars) return out;
  const cut = out.slice(0, maxChars - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxChars / 2))}…`;
}
