import { createHash } from 'node:crypto';
import { fold, words } from '../classifiers/index.ts';

/** Exact-content key: the same words in the same order, whatever the markup, case or diacritics. */
export function contentHash(title: string, text: string): string {
  return createHash('sha256')
    .update(words(`${title} ${text}`).map(fold).join(' '))
    .digest('hex');
}

const MASK64 = (1n << 64n) - 1n;

/** 64-bit FNV-1a. */
function fnv64(s: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * 0x100000001b3n) & MASK64;
  }
  return h;
}

/**
 * 64-bit SimHash over word 3-shingles of the accent-free text, as a signed decimal (a Postgres bigint).
 * Copies of one story with small edits land a few bits apart; unrelated texts about 32.
 */
export function simhash(text: string): string {
  const tokens = words(text).map(fold);
  const counts = new Array<number>(64).fill(0);
  const n = Math.max(1, tokens.length - 2);
  for (let i = 0; i < n; i++) {
    const h = fnv64(tokens.slice(i, i + 3).join(' '));
    for (let b = 0; b < 64; b++) counts[b]! += (h >> BigInt(b)) & 1n ? 1 : -1;
  }
  let out = 0n;
  for (let b = 0; b < 64; b++) if (counts[b]! > 0) out |= 1n << BigInt(b);
  return BigInt.asIntN(64, out).toString();
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
