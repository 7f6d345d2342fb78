/**
 * Vietnamese normalisation: NFC, one tone placement, lower case, and an accent-free shadow so that
 * text typed without diacritics matches the same phrases.
 */

// Old-style tone placement on open syllables oa, oe, uy ("hòa", "khỏe", "thủy") → new style ("hoà", "khoẻ", "thuỷ").
const TONED: Record<string, string[]> = {
  a: ['à', 'á', 'ả', 'ã', 'ạ'],
  e: ['è', 'é', 'ẻ', 'ẽ', 'ẹ'],
  y: ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
  o: ['ò', 'ó', 'ỏ', 'õ', 'ọ'],
  u: ['ù', 'ú', 'ủ', 'ũ', 'ụ'],
};
const TONE_SHIFT = new Map<string, string>();
for (let t = 0; t < 5; t++) {
  TONE_SHIFT.set(`${TONED.o![t]}a`, `o${TONED.a![t]}`);
  TONE_SHIFT.set(`${TONED.o![t]}e`, `o${TONED.e![t]}`);
  TONE_SHIFT.set(`${TONED.u![t]}y`, `u${TONED.y![t]}`);
}
const OLD_STYLE = new RegExp(
  `(?<![\\p{L}q])(\\p{L}*?)(${[...TONE_SHIFT.keys()].join('|')})(?![\\p{L}])`,
  'gu',
);

/** NFC, lower case, new-style tone placement. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(OLD_STYLE, (_, head: string, pair: string) => head + TONE_SHIFT.get(pair)!);
}

/** Removes every diacritic; đ → d. Works on any case. */
export function fold(text: string): string {
  if (text.length <= 12) {
    const hit = foldCache.get(text);
    if (hit !== undefined) return hit;
  }
  const out = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
  if (text.length <= 12) remember(foldCache, text, out);
  return out;
}

// Words repeat: a token's normal and folded forms are cached (bounded, cleared when full).
const CACHE_MAX = 200_000;
const foldCache = new Map<string, string>();
const toneCache = new Map<string, string>();
function remember(cache: Map<string, string>, key: string, value: string): void {
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, value);
}

/** One token (already NFC, lower case) with new-style tone placement. */
function retone(token: string): string {
  const hit = toneCache.get(token);
  if (hit !== undefined) return hit;
  const out = token.replace(OLD_STYLE, (_, head: string, pair: string) => head + TONE_SHIFT.get(pair)!);
  remember(toneCache, token, out);
  return out;
}

const TOKEN = /[\p{L}\p{N}]+|[.,;:!?…\n]/gu;

/** Clause boundary tokens kept by `tokenize`: phrases never match across them, and negation stops at them. */
export const BOUNDARY = new Set(['.', ',', ';', ':', '!', '?', '…', '\n']);

/** Lower-case NFC tokens of letters and digits, plus clause punctuation as its own tokens. */
export function tokenize(text: string): string[] {
  const tokens = text.normalize('NFC').toLowerCase().match(TOKEN) ?? [];
  for (let i = 0; i < tokens.length; i++) tokens[i] = retone(tokens[i]!);
  return tokens;
}

/** Word tokens only (for phrases written in configuration). */
export function words(text: string): string[] {
  return tokenize(text).filter((t) => !BOUNDARY.has(t));
}

const ACCENTED = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/;

/** Share of tokens that carry a Vietnamese diacritic; text typed without them scores near 0. */
export function diacriticRatio(tokens: string[]): number {
  const words = tokens.filter((t) => /\p{L}/u.test(t));
  if (words.length === 0) return 0;
  return words.filter((t) => ACCENTED.test(t)).length / words.length;
}

/** Strips tags and entities left in crawled text, and caps the length. */
export function cleanInput(text: string, maxChars: number): { text: string; truncated: boolean } {
  const stripped = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
  return stripped.length > maxChars
    ? { text: stripped.slice(0, maxChars), truncated: true }
    : { text: stripped, truncated: false };
}

/**
 * Abbreviations of the sector and chat spellings, keyed by the accent-free lower-case token, expanded to the
 * words they stand for so phrases and the model see one form ("hs" → "học sinh", "ko" → "không").
 */
const ABBREVIATIONS: Record<string, string> = {
  gddt: 'giáo dục và đào tạo',
  sgd: 'sở giáo dục',
  sgddt: 'sở giáo dục và đào tạo',
  pgd: 'phòng giáo dục',
  pgddt: 'phòng giáo dục và đào tạo',
  bgddt: 'bộ giáo dục và đào tạo',
  thpt: 'trung học phổ thông',
  thcs: 'trung học cơ sở',
  ptdtbt: 'phổ thông dân tộc bán trú',
  ptdtnt: 'phổ thông dân tộc nội trú',
  hs: 'học sinh',
  hsg: 'học sinh giỏi',
  gv: 'giáo viên',
  gvcn: 'giáo viên chủ nhiệm',
  ph: 'phụ huynh',
  phhs: 'phụ huynh học sinh',
  bgh: 'ban giám hiệu',
  sv: 'sinh viên',
  ubnd: 'uỷ ban nhân dân',
  ko: 'không',
  k: 'không',
  hok: 'không',
  kh: 'không',
  dc: 'được',
  đc: 'được',
  ng: 'người',
  j: 'gì',
  vs: 'với',
  cx: 'cũng',
  trc: 'trước',
  mk: 'mình',
  mik: 'mình',
  r: 'rồi',
};
/** "MN" is "mầm non" after a school word ("trường MN"), and "mọi người" in chat. */
const SCHOOL_WORDS = new Set(['truong', 'lop', 'bac', 'cap', 'nganh', 'giao', 'vien', 'tre']);
const EXPANDED = new Map(Object.entries(ABBREVIATIONS).map(([k, v]) => [k, v.split(' ')]));

/** Expands abbreviations and chat spellings in a token list (from `tokenize`). */
export function expandAbbreviations(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.length > 6) {
      out.push(t);
      continue;
    }
    const f = fold(t);
    // "GD&ĐT", "GD-ĐT": two tokens.
    if (f === 'gd' && fold(tokens[i + 1] ?? '') === 'dt') {
      out.push('giáo', 'dục', 'và', 'đào', 'tạo');
      i++;
      continue;
    }
    if (f === 'gd') {
      out.push('giáo', 'dục');
      continue;
    }
    if (f === 'mn') {
      out.push(...(SCHOOL_WORDS.has(fold(tokens[i - 1] ?? '')) ? ['mầm', 'non'] : ['mọi', 'người']));
      continue;
    }
    const e = EXPANDED.get(f);
    if (e) out.push(...e);
    else out.push(t);
  }
  return out;
}
