import { BOUNDARY, fold, type TokenForm, tokenize } from './normalize.ts';

export interface Hit {
  term: string;
  weight: number;
  /** Token positions where the phrase starts. */
  at: number[];
  /** The phrase's length in tokens. */
  len: number;
}

interface Entry {
  term: string;
  tokens: string[];
  weight: number;
  owner?: PhraseMatcher;
}

/** Hits of every matcher sharing a PhraseIndex, from one pass over an item's tokens. */
export type Scan = Map<PhraseMatcher, Hit[]>;

/**
 * Several matchers' phrases in one index, so an item is scanned once for all of them (a model has dozens of
 * lexicons: education, traps, each topic line and risk with its exclusions, sentiment).
 */
export class PhraseIndex {
  readonly accented = new Map<string, Node>();
  readonly folded = new Map<string, Node>();

  scan(tokens: string[], plain: boolean, foldedTokens?: string[], forms?: TokenForm[]): Scan {
    const index = plain ? this.folded : this.accented;
    const seq = plain ? (foldedTokens ?? tokens.map(fold)) : tokens;
    const out: Scan = new Map();
    const byTerm = new Map<Entry, Hit>();
    const found = (e: Entry, i: number) => {
      let h = byTerm.get(e);
      if (!h) {
        h = { term: e.term, weight: e.weight, at: [], len: e.tokens.length };
        byTerm.set(e, h);
        const list = out.get(e.owner!);
        if (list) list.push(h);
        else out.set(e.owner!, [h]);
      }
      h.at.push(i);
    };
    for (let i = 0; i < seq.length; i++) {
      const node = forms ? this.nodesOf(forms[i]!)[plain ? 1 : 0] : index.get(seq[i]!);
      if (!node) continue;
      for (const e of node.single) found(e, i);
      if (node.next === undefined || i + 1 >= seq.length) continue;
      const longer = node.next.get(seq[i + 1]!);
      if (longer) for (const e of longer) if (startsAt(seq, i, e.tokens, 2)) found(e, i);
    }
    return out;
  }

  /** The index's entries for a token (accented, accent-free), remembered on the token. */
  private nodesOf(form: TokenForm): [Node | undefined, Node | undefined] {
    const memo = form.memo;
    if (memo !== undefined && memo.owner === this) return memo.value as [Node | undefined, Node | undefined];
    const value: [Node | undefined, Node | undefined] = [
      this.accented.get(form.norm),
      this.folded.get(form.folded),
    ];
    form.memo = { owner: this, value };
    return value;
  }
}

/** Phrases by first token: one-word phrases, and longer ones by their second token. */
interface Node {
  single: Entry[];
  next?: Map<string, Entry[]>;
}

/**
 * Phrase matcher over token sequences: phrases never match inside longer words ("trường" does not
 * match in "trườngtồn"), and each phrase has an accented and an accent-free form.
 */
export class PhraseMatcher {
  private readonly accented = new Map<string, Entry[]>();
  private readonly folded = new Map<string, Entry[]>();

  constructor(terms: Record<string, number> | string[], shared?: PhraseIndex) {
    const pairs = Array.isArray(terms) ? terms.map((t) => [t, 1] as const) : Object.entries(terms);
    for (const [term, weight] of pairs) {
      const tokens = trimBoundaries(tokenize(term));
      if (tokens.length === 0) continue;
      const foldedTokens = tokens.map(fold);
      add(this.accented, { term, tokens, weight });
      add(this.folded, { term, tokens: foldedTokens, weight });
      if (shared) {
        addNode(shared.accented, { term, tokens, weight, owner: this });
        addNode(shared.folded, { term, tokens: foldedTokens, weight, owner: this });
      }
    }
  }

  /** Matches accented phrases on accented tokens, or accent-free ones when `plain` (text typed without diacritics). */
  match(tokens: string[], plain: boolean, foldedTokens?: string[]): Hit[] {
    const index = plain ? this.folded : this.accented;
    const seq = plain ? (foldedTokens ?? tokens.map(fold)) : tokens;
    const hits = new Map<string, Hit>();
    for (let i = 0; i < seq.length; i++) {
      const entries = index.get(seq[i]!);
      if (!entries) continue;
      for (const e of entries) {
        if (!startsAt(seq, i, e.tokens)) continue;
        const h = hits.get(e.term) ?? { term: e.term, weight: e.weight, at: [], len: e.tokens.length };
        h.at.push(i);
        hits.set(e.term, h);
      }
    }
    return [...hits.values()];
  }
}

/** A phrase may hold inner punctuation ("đau bụng, nôn") but not start or end with it. */
function trimBoundaries(tokens: string[]): string[] {
  let a = 0;
  let b = tokens.length;
  while (a < b && BOUNDARY.has(tokens[a]!)) a++;
  while (b > a && BOUNDARY.has(tokens[b - 1]!)) b--;
  return tokens.slice(a, b);
}

function add(index: Map<string, Entry[]>, e: Entry): void {
  const list = index.get(e.tokens[0]!) ?? [];
  list.push(e);
  index.set(e.tokens[0]!, list);
}

function addNode(index: Map<string, Node>, e: Entry): void {
  let node = index.get(e.tokens[0]!);
  if (!node) {
    node = { single: [] };
    index.set(e.tokens[0]!, node);
  }
  if (e.tokens.length === 1) {
    node.single.push(e);
    return;
  }
  node.next ??= new Map();
  const list = node.next.get(e.tokens[1]!);
  if (list) list.push(e);
  else node.next.set(e.tokens[1]!, [e]);
}

function startsAt(seq: string[], i: number, tokens: string[], from = 1): boolean {
  for (let k = from; k < tokens.length; k++) if (seq[i + k] !== tokens[k]) return false;
  return true;
}

/** Sum of weights, each phrase counted at most `cap` times. */
export function score(hits: Hit[], cap = 3): number {
  return hits.reduce((s, h) => s + h.weight * Math.min(h.at.length, cap), 0);
}
