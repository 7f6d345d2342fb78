import { createHash } from 'node:crypto';
import { fold, words } from '../classifiers/index.ts';

/** Accent-free words of a text (NFC, lower case, new tone placement, folded), the unit both fingerprints use. */
const foldedWords = (text: string) => words(text).map(fold);

/** Exact-content key: the same words in the same order, whatever the markup, case or diacritics. */
export function contentHash(title: string, text: string): string {
  return hashWords([...foldedWords(title), ...foldedWords(text)]);
}

const hashWords = (tokens: string[]) => createHash('sha256').update(tokens.join(' ')).digest('hex');

/**
 * Both fingerprints of an article, each part tokenized once: the content hash of title, lead and text, and the
 * SimHash of the text (of everything for a short text: copies rewrite titles and leads most, the body carries
 * the story). The same values as contentHash(title, `${lead}\n${text}`) and simhash(…) (tested): tokens never
 * span the space or line break between parts.
 */
export function fingerprints(
  title: string,
  lead: string,
  text: string,
): { contentHash: string; simhash: string } {
  const t = foldedWords(title);
  const l = foldedWords(lead);
  const x = foldedWords(text);
  const all = [...t, ...l, ...x];
  return { contentHash: hashWords(all), simhash: simhashOf(text.length >= 200 ? x : all) };
}

/**
 * 64-bit SimHash over word 3-shingles of the accent-free text, as a signed decimal (a Postgres bigint).
 * Copies of one story with small edits land a few bits apart; unrelated texts about 32.
 */
export function simhash(text: string): string {
  return simhashOf(foldedWords(text));
}

function simhashOf(tokens: string[]): string {
  const counts = new Int32Array(64);
  const n = Math.max(1, tokens.length - 2);
  for (let i = 0; i < n; i++) {
    // Two independent 32-bit hashes of tokens i..i+2 joined by spaces (FNV-1a, and FNV-1a with a murmur
    // finaliser on another seed), computed piece by piece: no string is built per shingle.
    let a = 0x811c9dc5;
    let b = 0x9747b28c;
    const end = Math.min(i + 3, tokens.length);
    for (let j = i; j < end; j++) {
      if (j > i) {
        a = Math.imul(a ^ 32, 0x01000193);
        b = Math.imul(b ^ 32, 0x5bd1e995);
        b ^= b >>> 15;
      }
      const t = tokens[j]!;
      for (let k = 0; k < t.length; k++) {
        const c = t.charCodeAt(k);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
        b ^= b >>> 15;
      }
    }
    b ^= b >>> 13;
    b = Math.imul(b, 0xc2b2ae35);
    b ^= b >>> 16;
    for (let bit = 0; bit < 32; bit++) {
      counts[bit]! += ((a >>> bit) & 1) * 2 - 1;
      counts[bit + 32]! += ((b >>> bit) & 1) * 2 - 1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (counts[bit]! > 0) lo |= 1 << bit;
    if (counts[bit + 32]! > 0) hi |= 1 << bit;
  }
  return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString();
}

/** Differing bits between two SimHashes. */
export function hamming(a: string, b: string): number {
  let x = BigInt.asUintN(64, BigInt(a) ^ BigInt(b));
  let n = 0;
  while (x) {
    n += Number(x & 1n);
    x >>= 1n;
  }
  return n;
}
