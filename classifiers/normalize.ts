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

const WORD_CHAR = /[\p{L}\p{N}]/u;
const BOUNDARY_CHARS = '.,;:!?…\n';
/** Class of each UTF-16 code unit: 1 letter or digit, 2 clause punctuation, 0 anything else. */
const CHAR_CLASS = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    table[c] = WORD_CHAR.test(ch) ? 1 : BOUNDARY_CHARS.includes(ch) ? 2 : 0;
  }
  return table;
})();

/**
 * The words (runs of letters and digits) and clause punctuation of a text, in order: the same as matching
 * /[\p{L}\p{N}]+|[.,;:!?…\n]/gu, by a table of character classes (several times faster on long text).
 */
function splitTokens(s: string): string[] {
  const out: string[] = [];
  const n = s.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let k = CHAR_CLASS[c]!;
    let width = 1;
    // A letter outside the basic plane is a surrogate pair.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const pair = s.slice(i, i + 2);
      k = WORD_CHAR.test(pair) ? 1 : 0;
      width = 2;
    }
    if (k === 1) {
      if (start < 0) start = i;
    } else {
      if (start >= 0) {
        out.push(s.slice(start, i));
        start = -1;
      }
      if (k === 2) out.push(s[i]!);
    }
    i += width - 1;
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}

/** Clause boundary tokens kept by `tokenize`: phrases never match across them, and negation stops at them. */
export const BOUNDARY = new Set(['.', ',', ';', ':', '!', '?', '…', '\n']);

/** Lower-case NFC tokens of letters and digits, plus clause punctuation as its own tokens. */
export function tokenize(text: string): string[] {
  const tokens = splitTokens(text.normalize('NFC').toLowerCase());
  for (let i = 0; i < tokens.length; i++) tokens[i] = retone(tokens[i]!);
  return tokens;
}

/** What classifying needs of one written token, computed once per distinct token. */
export interface TokenForm {
  /** NFC, lower case, new-style tone placement. */
  norm: string;
  folded: string;
  /** A word (letters) that carries a Vietnamese diacritic. */
  accented: boolean;
  /** Contains a letter (counts toward the diacritic ratio). */
  letter: boolean;
  /** Abbreviation or chat spelling: handled by expandAbbreviations. */
  short: boolean;
  /**
   * What a model's lookups found for this token, kept on the token so the next item costs a property read
   * instead of a map lookup: `owner` is whose lookup it was (a phrase index, a feature table).
   */
  memo?: { owner: object; value: unknown };
  memo2?: { owner: object; value: unknown };
}
const formCache = new Map<string, TokenForm>();
const LETTER = /\p{L}/u;

function formOf(raw: string): TokenForm {
  let f = formCache.get(raw);
  if (f === undefined) {
    const norm = retone(raw);
    const folded = fold(norm);
    const letter = LETTER.test(norm);
    const short = norm.length <= 6 && (EXPANDED.has(folded) || folded === 'gd' || folded === 'mn');
    f = { norm, folded, accented: letter && ACCENTED.test(norm), letter, short };
    if (formCache.size >= CACHE_MAX) formCache.clear();
    formCache.set(raw, f);
  }
  return f;
}

/** A text's tokens ready for matching: normalised, abbreviations expanded, accent-free forms. */
export interface NormalizedTokens {
  tokens: string[];
  folded: string[];
  /** Each token's forms (tokens[i] is forms[i].norm). */
  forms: TokenForm[];
  /** The writer typed (almost) without diacritics: judged before abbreviations are expanded. */
  plain: boolean;
}

/**
 * tokenize + diacriticRatio + expandAbbreviations + fold in one pass, each distinct token's forms looked up
 * once (the classifier's hot path; same result as calling them in turn).
 */
export function normalizeTokens(text: string): NormalizedTokens {
  const raw = splitTokens(text.normalize('NFC').toLowerCase());
  const forms: TokenForm[] = new Array(raw.length);
  let letters = 0;
  let accented = 0;
  let short = false;
  for (let i = 0; i < raw.length; i++) {
    const f = formOf(raw[i]!);
    forms[i] = f;
    if (f.letter) letters++;
    if (f.accented) accented++;
    if (f.short) short = true;
  }
  const plain = letters === 0 || accented / letters < PLAIN_RATIO;
  if (!short) {
    const tokens = new Array<string>(forms.length);
    const folded = new Array<string>(forms.length);
    for (let i = 0; i < forms.length; i++) {
      tokens[i] = forms[i]!.norm;
      folded[i] = forms[i]!.folded;
    }
    return { tokens, folded, forms, plain };
  }
  const expanded: TokenForm[] = [];
  for (let i = 0; i < forms.length; i++) {
    const f = forms[i]!;
    if (!f.short) {
      expanded.push(f);
      continue;
    }
    const expansion = expansionOf(f.folded, forms[i + 1]?.folded, forms[i - 1]?.folded);
    if (expansion.skipNext) i++;
    if (expansion.words.length === 0) expanded.push(f);
    else for (const w of expansion.words) expanded.push(w);
  }
  return {
    tokens: expanded.map((f) => f.norm),
    folded: expanded.map((f) => f.folded),
    forms: expanded,
    plain,
  };
}

/** Below this share of accented words a text counts as typed without diacritics. */
export const PLAIN_RATIO = 0.15;

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

const wordsOf = (phrase: string) => phrase.split(' ').map(formOf);
const GD_DT = wordsOf('giáo dục và đào tạo');
const GD = wordsOf('giáo dục');
const MAM_NON = wordsOf('mầm non');
const MOI_NGUOI = wordsOf('mọi người');
const EXPANDED_FORMS = new Map([...EXPANDED].map(([k, v]) => [k, wordsOf(v.join(' '))]));
const NO_WORDS: TokenForm[] = [];

/** What an abbreviation (accent-free) stands for, given its neighbours; no words when it is none. */
function expansionOf(f: string, next: string | undefined, prev: string | undefined) {
  // "GD&ĐT", "GD-ĐT": two tokens.
  if (f === 'gd' && next === 'dt') return { words: GD_DT, skipNext: true };
  if (f === 'gd') return { words: GD, skipNext: false };
  if (f === 'mn') return { words: SCHOOL_WORDS.has(prev ?? '') ? MAM_NON : MOI_NGUOI, skipNext: false };
  return { words: EXPANDED_FORMS.get(f) ?? NO_WORDS, skipNext: false };
}

/** Expands abbreviations and chat spellings in a token list (from `tokenize`). */
export function expandAbbreviations(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.length > 6) {
      out.push(t);
      continue;
    }
    const e = expansionOf(
      fold(t),
      tokens[i + 1] && fold(tokens[i + 1]!),
      tokens[i - 1] && fold(tokens[i - 1]!),
    );
    if (e.skipNext) i++;
    if (e.words.length > 0) for (const w of e.words) out.push(w.norm);
    else out.push(t);
  }
  return out;
}
