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
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

const TOKEN = /[\p{L}\p{N}]+|[.,;:!?…\n]/gu;

/** Clause boundary tokens kept by `tokenize`: phrases never match across them, and negation stops at them. */
export const BOUNDARY = new Set(['.', ',', ';', ':', '!', '?', '…', '\n']);

/** Lower-case NFC tokens of letters and digits, plus clause punctuation as its own tokens. */
export function tokenize(text: string): string[] {
  return normalizeText(text).match(TOKEN) ?? [];
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
