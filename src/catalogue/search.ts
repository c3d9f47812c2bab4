/**
 * Catalogue search that forgives the ways people spell Arabic (and English).
 *
 * Text is folded, split into words and lightly stemmed by the kernel (src/kernel/search-text.ts)
 * on both sides: entries once, at start-up; the query per call. A query word matches an entry
 * word when it is the same word, the same stem (مخالفة / مخالفات, بياناتي / بيانات), a prefix,
 * or one typo away, in that order of strength. The index knows nothing of what an entry is:
 * the e-services, the inquiries and the portal's pages are each searched through it.
 *
 * Everything here is pure and synchronous: the catalogue is code, built into an index once.
 */
import { joinedPrefixReadings, normaliseArabic, searchTokens, searchWords, type SearchWord } from '../kernel/search-text.js';

export { normaliseArabic, searchTokens } from '../kernel/search-text.js';

/** What the search needs to know of a catalogue entry (a service or an inquiry). */
export interface SearchableEntry {
  id: string;
  name: { ar: string; en: string };
  description: { ar: string; en: string };
  /** Words people use that the name does not: "بدل فاقد", "هوية ضائعة", "lost ID". */
  keywords?: { ar?: readonly string[]; en?: readonly string[] };
}

type Word = SearchWord;

/** A distinct entry word, with the entries and fields it occurs in. */
interface Term extends Word {
  /** `entryIndex * 4 + field`, one per (entry, field) it occurs in. */
  readonly postings: readonly number[];
}

/** Built once by buildSearchIndex; treat the fields as internal to this module. */
export interface SearchIndex {
  /** Entry ids in catalogue order (the order that breaks ties). */
  readonly ids: readonly string[];
  readonly terms: readonly Term[];
  /** Per entry, its Arabic and English names as token strings, for "exact name" matches. */
  readonly nameKeys: readonly (readonly string[])[];
}

// Fields, weakest first. A query word counts in the best field it matches.
const FIELD_DESCRIPTION = 1;
const FIELD_KEYWORD = 2;
const FIELD_NAME = 3;
// How well a query word matched, weakest first; second to the field.
const QUALITY_TYPO = 0;
const QUALITY_PREFIX = 1;
const QUALITY_STEM = 2;
const QUALITY_EXACT = 3;

const MIN_PREFIX = 2; // "ا" would be a prefix of a third of the Arabic language
const MIN_TYPO = 4; // one edit in a 3-letter Arabic word is usually another root: نقل / نقد
const MAX_QUERY_CHARS = 200; // a pasted essay must not cost more than a sentence

// Words that say nothing about which service is meant, left out of queries so that
// "how do I renew my licence" or "الاستعلام عن المخالفات" need not find "how" or "عن".
// The bare article is among them: "ال" alone (or typed apart, "ال هوية") must not match.
const QUERY_STOP_WORDS = new Set(
  [
    'ال', 'وال', 'بال', 'لل', 'في', 'من', 'عن', 'على', 'الى', 'إلى', 'او', 'أو', 'ثم', 'مع', 'و', 'كيف', 'هل', 'ما', 'ماذا',
    'a', 'an', 'the', 'of', 'for', 'to', 'my', 'in', 'on', 'at', 'by', 'with', 'and', 'or', 'how', 'do', 'i', 'is', 'can',
  ].map(normaliseArabic),
);

// ——— Index ———

/**
 * Folds and splits every entry's text once, into a vocabulary of distinct words with the
 * entries and fields they occur in. Throws on a duplicate id: two services answering to one
 * id is a bug in the catalogue, not something to rank.
 */
export function buildSearchIndex(entries: readonly SearchableEntry[]): SearchIndex {
  const byFull = new Map<string, { word: Word; postings: Set<number> }>();
  const seen = new Set<string>();
  const add = (entryIndex: number, field: number, text: string): void => {
    for (const word of searchWords(text)) {
      let term = byFull.get(word.full);
      if (!term) byFull.set(word.full, (term = { word, postings: new Set() }));
      term.postings.add(entryIndex * 4 + field);
    }
  };
  entries.forEach((entry, i) => {
    if (seen.has(entry.id)) throw new Error(`Catalogue search: the id '${entry.id}' is used by two entries`);
    seen.add(entry.id);
    add(i, FIELD_NAME, `${entry.name.ar} ${entry.name.en}`);
    for (const keyword of [...(entry.keywords?.ar ?? []), ...(entry.keywords?.en ?? [])]) add(i, FIELD_KEYWORD, keyword);
    add(i, FIELD_DESCRIPTION, `${entry.description.ar} ${entry.description.en}`);
  });
  return {
    ids: entries.map((entry) => entry.id),
    terms: [...byFull.values()].map(({ word, postings }) => ({ ...word, postings: [...postings] })),
    nameKeys: entries.map((entry) => [searchTokens(entry.name.ar).join(' '), searchTokens(entry.name.en).join(' ')]),
  };
}

// ——— Matching ———

/** Damerau-Levenshtein (optimal string alignment) distance of at most 1, without a matrix. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length !== b.length) {
    const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
    return sameTail(shorter, i, longer, i + 1); // one letter inserted or left out
  }
  if (i === a.length) return true;
  if (sameTail(a, i + 1, b, i + 1)) return true; // one letter replaced
  return a[i] === b[i + 1] && a[i + 1] === b[i] && sameTail(a, i + 2, b, i + 2); // two swapped
}

function sameTail(a: string, from: number, b: string, bFrom: number): boolean {
  if (a.length - from !== b.length - bFrom) return false;
  for (let k = 0; from + k < a.length; k++) if (a[from + k] !== b[bFrom + k]) return false;
  return true;
}

/**
 * A query prefix of an entry word. Besides the stripped word, the prefix may run into the
 * entry's article once it goes past it: "اله" (someone typing "الهوية") finds "الهوية", but
 * "ال" alone does not find every word that has an article.
 */
function isPrefixOf(query: string, term: Word): boolean {
  if (query.length < MIN_PREFIX) return false;
  if (term.stripped.startsWith(query)) return true;
  return term.prefixLength > 0 && query.length > term.prefixLength && term.full.startsWith(query);
}

/** A query word, with its other readings (without a joined و, ب, ل, ك, ف). */
interface QueryWord extends Word {
  readonly readings: readonly Word[];
}

/** How a query word matches an entry word, or -1. */
function matchQuality(query: QueryWord, term: Word): number {
  // Both forms on both sides: إلغاء folds to "الغاء", which looks like an article + "غاء",
  // so "الإلغاء" -> "الغاء" must still meet "إلغاء" -> "غاء".
  if (query.stripped === term.stripped || query.full === term.full || query.stripped === term.full || query.full === term.stripped) {
    return QUALITY_EXACT;
  }
  // The same word in another form: a plural, a possessive (مخالفات, بياناتي); or the query
  // word read without a joined conjunction or preposition (ومخالفات).
  if (query.stem.length >= MIN_PREFIX && query.stem === term.stem) return QUALITY_STEM;
  if (query.readings.some((r) => r.stripped === term.stripped || r.stem === term.stem)) return QUALITY_STEM;
  if (isPrefixOf(query.stripped, term) || (query.prefixLength > 0 && isPrefixOf(query.full, term))) return QUALITY_PREFIX;
  if (query.stripped.length >= MIN_TYPO && term.stripped.length >= MIN_TYPO && withinOneEdit(query.stripped, term.stripped)) {
    return QUALITY_TYPO;
  }
  return -1;
}

// ——— Search ———

interface Ranked {
  index: number;
  exactName: boolean;
  byField: [number, number, number, number]; // query words counted per field (index = FIELD_*)
  quality: number;
}

function compareRanked(a: Ranked, b: Ranked): number {
  return (
    Number(b.exactName) - Number(a.exactName) ||
    b.byField[FIELD_NAME] - a.byField[FIELD_NAME] ||
    b.byField[FIELD_KEYWORD] - a.byField[FIELD_KEYWORD] ||
    b.byField[FIELD_DESCRIPTION] - a.byField[FIELD_DESCRIPTION] ||
    b.quality - a.quality ||
    a.index - b.index
  );
}

/**
 * The ids of the entries that match every word of the query, best first:
 * 1. the whole query is an entry's name (in either language, after folding);
 * 2. more query words found in the name; then in the keywords; then in the description
 *    (each query word counts once, in the best field it matches);
 * 3. more exact matches over stems over prefixes over typos;
 * 4. catalogue order.
 * A blank query, or one of only stop words ("ال", "the"), finds nothing.
 */
export function searchCatalogue(index: SearchIndex, query: string, options: { limit?: number } = {}): string[] {
  const { limit } = options;
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
    throw new RangeError(`A search limit is a non-negative integer; got ${limit}`);
  }
  const all = searchWords(query.slice(0, MAX_QUERY_CHARS));
  const wanted: QueryWord[] = [...new Map(all.filter((w) => !QUERY_STOP_WORDS.has(w.full)).map((w) => [w.full, w])).values()].map((w) => ({ ...w, readings: joinedPrefixReadings(w) }));
  if (wanted.length === 0 || limit === 0) return [];

  // best[entry * k + t]: the best (field * 4 + quality) with which entry matched query word t.
  const k = wanted.length;
  const best = new Uint8Array(index.ids.length * k);
  wanted.forEach((word, t) => {
    for (const term of index.terms) {
      const quality = matchQuality(word, term);
      if (quality < 0) continue;
      for (const posting of term.postings) {
        const slot = (posting >> 2) * k + t;
        const code = (posting & 3) * 4 + quality;
        if (code > best[slot]!) best[slot] = code;
      }
    }
  });

  const queryKey = all.map((w) => w.stripped).join(' ');
  const ranked: Ranked[] = [];
  for (let i = 0; i < index.ids.length; i++) {
    const entry: Ranked = { index: i, exactName: index.nameKeys[i]!.includes(queryKey), byField: [0, 0, 0, 0], quality: 0 };
    let matchedAll = true;
    for (let t = 0; t < k && matchedAll; t++) {
      const code = best[i * k + t]!;
      matchedAll = code > 0;
      entry.byField[(code >> 2) as 0 | 1 | 2 | 3]++; // 0 only on a miss, which drops the entry
      entry.quality += code & 3;
    }
    if (matchedAll) ranked.push(entry);
  }
  ranked.sort(compareRanked);
  return ranked.slice(0, limit).map((entry) => index.ids[entry.index]!);
}
