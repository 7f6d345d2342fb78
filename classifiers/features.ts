import type { Analysis } from './classify.ts';
import { type NbModel, sparseRows } from './nb.ts';
import { BOUNDARY, type TokenForm } from './normalize.ts';

const NUMBER = /^\p{N}+$/u;

/** Which lexicon findings pass their thresholds (from lexiconFindings). */
export interface Findings {
  topics: Set<string>;
  risks: Set<string>;
}

const isBoundary = (u: string) => u.length === 1 && BOUNDARY.has(u);
// Folded words are ASCII, so the regex runs only on digits and the rare non-ASCII token.
const isNumber = (u: string) => {
  const c = u.charCodeAt(0);
  return ((c >= 48 && c <= 57) || c >= 128) && NUMBER.test(u);
};

/**
 * An item's model units by token: accent-free words, places replaced by what they are (the province's own or
 * another province's: the model learns no place names), numbers as "0", words under negation marked.
 * `undefined` for the inner tokens of a place, `null` for a clause boundary. `ends[i]` is where unit i ends.
 */
function unitsOf(a: Analysis): { unit: (string | null | undefined)[]; ends: Int32Array } {
  const n = a.folded.length;
  const unit: (string | null | undefined)[] = new Array(n);
  const ends = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const f = a.folded[i]!;
    unit[i] = isBoundary(f) ? null : isNumber(f) ? '0' : f;
    ends[i] = i + 1;
  }
  for (const p of a.places)
    for (const { at, len } of p.spans) {
      unit[at] = p.own ? '@place-own' : '@place-other';
      ends[at] = at + len;
      for (let k = 1; k < len; k++) unit[at + k] = undefined;
    }
  for (let i = 0; i < n; i++) {
    const u = unit[i];
    if (a.negatedAt[i] === 1 && u) unit[i] = negated(u);
  }
  return { unit, ends };
}

/** Item-level features (kind, places, lexicon findings), each with the phrases behind it. */
function eachNote(a: Analysis, lexicon: Findings, note: (feature: string, why: string) => void): void {
  note(`#kind:${a.item.kind}`, '');
  if (a.plain) note('#plain', '');
  const own = a.places.some((p) => p.own);
  const other = a.places.some((p) => !p.own);
  note(own ? (other ? '#places:both' : '#places:own') : other ? '#places:other' : '#places:none', '');
  if (a.eduScore > 0)
    note(`#edu:${Math.min(3, Math.floor(a.eduScore / 2))}`, a.eduHits.map((h) => h.term).join(', '));
  for (const t of a.topicScores)
    if (lexicon.topics.has(t.id)) note(`#topic:${t.id}`, t.hits.map((h) => h.term).join(', '));
  for (const r of a.riskScores)
    if (lexicon.risks.has(r.id)) note(`#risk:${r.id}`, r.hits.map((h) => h.term).join(', '));
  if (a.rebuttal.length > 0) note('#rebuttal', a.rebuttal.join(', '));
}

/**
 * Every distinct feature of an item as a string, for training: its units and unit pairs within a clause
 * ("a b"), and the item-level notes. `collectRows` is the same set, as rows of a trained model.
 */
export function featureNames(a: Analysis, lexicon: Findings): string[] {
  const names = new Set<string>();
  const { unit } = unitsOf(a);
  let prev: string | undefined;
  for (const u of unit) {
    if (u === undefined) continue;
    if (u === null) {
      prev = undefined;
      continue;
    }
    names.add(u);
    if (prev !== undefined) names.add(`${prev} ${u}`);
    prev = u;
  }
  eachNote(a, lexicon, (f) => names.add(f));
  return [...names];
}

/** An item's known feature rows, the scores they sum to, and enough to show each row as written. */
export interface ItemRows {
  rows: number[];
  scores: Float64Array;
  /** Shows a row as the words of the text that gave it ("" when unknown). */
  surface(row: number): string;
}

/**
 * The item's features as rows of the model, scored, without building a string per feature: one map lookup
 * per token, word pairs through the model's integer pair table.
 */
export function collectRows(a: Analysis, lexicon: Findings, nb: NbModel): ItemRows {
  const { unit, ends } = unitsOf(a);
  const n = unit.length;
  const table = pairTableOf(nb);
  const seen = seenOf(nb);
  const unitRow = new Int32Array(n).fill(-1);
  const pairRow = new Int32Array(n).fill(-1);
  const pairFrom = new Int32Array(n);
  const rows: number[] = [];
  const add = (row: number) => {
    if (seen.marks[row] === seen.gen) return;
    seen.marks[row] = seen.gen;
    rows.push(row);
  };
  const rowCount = nb.features.length;
  let prev = -1; // id of the previous unit in this clause, -1 when none or not in the model
  let prevAt = 0;
  for (let i = 0; i < n; i++) {
    const u = unit[i];
    if (u === undefined) continue;
    if (u === null) {
      prev = -1;
      continue;
    }
    const id = u === a.folded[i] ? table.idOf(a.forms[i]!) : (table.ids.get(u) ?? -1);
    if (id >= 0 && id < rowCount) {
      unitRow[i] = id;
      add(id);
    }
    if (id >= 0 && prev >= 0) {
      const pr = table.get(prev, id);
      if (pr >= 0) {
        pairRow[i] = pr;
        pairFrom[i] = prevAt;
        add(pr);
      }
    }
    prev = id;
    prevAt = i;
  }
  const notes = new Map<number, string>();
  eachNote(a, lexicon, (f, why) => {
    const row = nb.index.get(f);
    if (row === undefined) return;
    add(row);
    if (!notes.has(row)) notes.set(row, why);
  });
  seen.gen = (seen.gen + 1) >>> 0 || 1;
  return {
    rows,
    scores: sumRows(nb, rows),
    surface(row) {
      const why = notes.get(row);
      if (why !== undefined) return why;
      for (let i = 0; i < n; i++) {
        if (unitRow[i] === row) return a.tokens.slice(i, ends[i]).join(' ');
        if (pairRow[i] === row) return a.tokens.slice(pairFrom[i], ends[i]).join(' ');
      }
      return '';
    },
  };
}

/** Sum of the rows' weights per output, scaled as in nb.scoreRows (over the non-zero weights only). */
function sumRows(nb: NbModel, rows: number[]): Float64Array {
  const K = nb.outputs.length;
  const { start, col, val } = sparseRows(nb);
  const sum = new Float64Array(K);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const end = start[row + 1]!;
    for (let p = start[row]!; p < end; p++) sum[col[p]!]! += val[p]!;
  }
  const scale = 1 / Math.max(1, rows.length) ** (nb.lengthPower ?? 0);
  for (let k = 0; k < K; k++) sum[k] = nb.bias[k]! + sum[k]! * scale;
  return sum;
}

/**
 * Ids of the words that make up the model's word pairs, and an open-addressing table from (id of a, id of b)
 * to the row of the pair "a b". A word that is a feature itself has its row as id; a word kept only inside
 * pairs (its own weights were all zero) gets an id past the last row.
 */
class PairTable {
  readonly ids: Map<string, number>;
  private readonly mask: number;
  private readonly first: Int32Array;
  private readonly second: Int32Array;
  private readonly value: Int32Array;

  constructor(nb: NbModel) {
    this.ids = new Map(nb.index);
    const idOf = (word: string) => {
      let id = this.ids.get(word);
      if (id === undefined) {
        id = nb.features.length + this.ids.size - nb.index.size;
        this.ids.set(word, id);
      }
      return id;
    };
    const pairs: [number, number, number][] = [];
    nb.features.forEach((f, row) => {
      const space = f.indexOf(' ');
      if (space >= 0 && f[0] !== '#') pairs.push([idOf(f.slice(0, space)), idOf(f.slice(space + 1)), row]);
    });
    let size = 16;
    while (size < pairs.length * 2) size *= 2;
    this.mask = size - 1;
    this.first = new Int32Array(size).fill(-1);
    this.second = new Int32Array(size);
    this.value = new Int32Array(size);
    for (const [a, b, row] of pairs) {
      let h = hash(a, b) & this.mask;
      while (this.first[h] !== -1) h = (h + 1) & this.mask;
      this.first[h] = a;
      this.second[h] = b;
      this.value[h] = row;
    }
  }

  /** The id of a token's accent-free form (-1: in no feature), remembered on the token. */
  idOf(form: TokenForm): number {
    const memo = form.memo2;
    if (memo !== undefined && memo.owner === this) return memo.value as number;
    const value = this.ids.get(form.folded) ?? -1;
    form.memo2 = { owner: this, value };
    return value;
  }

  get(a: number, b: number): number {
    let h = hash(a, b) & this.mask;
    for (;;) {
      const f = this.first[h]!;
      if (f === -1) return -1;
      if (f === a && this.second[h] === b) return this.value[h]!;
      h = (h + 1) & this.mask;
    }
  }
}

const hash = (a: number, b: number) => (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) >>> 0;

const pairTables = new WeakMap<NbModel, PairTable>();
function pairTableOf(nb: NbModel): PairTable {
  let t = pairTables.get(nb);
  if (!t) {
    t = new PairTable(nb);
    pairTables.set(nb, t);
  }
  return t;
}

/** Per model: a mark per row, so an item's distinct rows are found without a Set. */
const seens = new WeakMap<NbModel, { marks: Uint32Array; gen: number }>();
function seenOf(nb: NbModel) {
  let s = seens.get(nb);
  if (!s) {
    s = { marks: new Uint32Array(nb.features.length), gen: 1 };
    seens.set(nb, s);
  }
  return s;
}

const negatedCache = new Map<string, string>();
/** "khong_<word>": the same string object each time, so map lookups reuse its hash. */
function negated(u: string): string {
  let v = negatedCache.get(u);
  if (v === undefined) {
    if (negatedCache.size > 100_000) negatedCache.clear();
    v = `khong_${u}`;
    negatedCache.set(u, v);
  }
  return v;
}
