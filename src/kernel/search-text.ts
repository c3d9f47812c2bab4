/**
 * Search text: one form for the many ways people spell a word, shared by every search (the
 * e-services, the inquiries, the portal's own pages).
 *
 * The same word reaches us in many spellings: with or without hamza (أ إ آ ا), taa marbuta or
 * haa (ة ه), alef maqsura or yaa (ى ي), with harakat or tatweel copied from a document, with the
 * article (الهوية) or without (هوية), in the plural (مخالفات for مخالفة), with a possessive
 * (بياناتي, "my data"), with Arabic-Indic digits from a phone keyboard; in English, in capitals
 * or in the plural. Each word is folded (normaliseArabic), its article taken off (`stripped`)
 * and lightly stemmed (`stem`): prefixes and suffixes taken off, never the root guessed.
 * Pure and synchronous.
 */

/** Code point -> replacement ('' removes it). Built once; normaliseArabic is one pass over it. */
const FOLD = new Map<number, string>();
function foldRange(from: number, to: number, replacement: (code: number) => string): void {
  for (let code = from; code <= to; code++) FOLD.set(code, replacement(code));
}
const remove = (): string => '';
foldRange(0x0300, 0x036f, remove); // Latin combining accents (after NFKD; also İ -> i + U+0307)
foldRange(0x064b, 0x065f, remove); // harakat, shadda, sukun, and the hamza marks NFKD splits off أ إ ؤ ئ
foldRange(0x0670, 0x0670, remove); // superscript (dagger) alef
foldRange(0x0640, 0x0640, remove); // tatweel: جـــواز
foldRange(0x200b, 0x200f, remove); // zero-width and bidi marks copied out of Arabic text
foldRange(0x202a, 0x202e, remove);
foldRange(0x2066, 0x2069, remove);
for (const code of [0x061c, 0x2060, 0xfeff, 0x00ad]) FOLD.set(code, '');
// NFKD has already turned أ إ آ ؤ ئ into a bare letter plus a mark removed above; these have no
// decomposition.
for (const code of [0x0671, 0x0672, 0x0673]) FOLD.set(code, 'ا'); // ٱ ٲ ٳ
FOLD.set(0x0621, ''); // a hamza on the line (مسائل / مساءل, ابناء / ابنا): typed or not
FOLD.set(0x0629, 'ه'); // ة
FOLD.set(0x0649, 'ي'); // ى
FOLD.set(0x06cc, 'ي'); // Persian yeh, typed on Persian and Urdu keyboards
FOLD.set(0x06a9, 'ك'); // Persian keheh, likewise
foldRange(0x0660, 0x0669, (code) => String(code - 0x0660)); // Arabic-Indic digits
foldRange(0x06f0, 0x06f9, (code) => String(code - 0x06f0)); // Persian digits

/**
 * Folds the spellings of one word into one form: alef forms (أ إ آ ٱ) to ا, ؤ to و, ئ to ي,
 * a lone hamza (ء) removed, ة to ه, ى to ي, harakat (U+064B–U+065F, U+0670) and tatweel removed,
 * Arabic-Indic and Persian digits to 0-9; Latin lower-cased, compatibility forms (full width,
 * Arabic presentation forms, ligatures) and accents folded by NFKD. Articles are kept.
 */
export function normaliseArabic(text: string): string {
  let folded = '';
  for (const char of text.normalize('NFKD').toLowerCase()) {
    const replacement = FOLD.get(char.codePointAt(0)!);
    folded += replacement ?? char;
  }
  return folded.normalize('NFC');
}

/** One word as the search compares it. */
export interface SearchWord {
  /** Folded, as typed. */
  readonly full: string;
  /** Without its article (ال, وال, بال, كال, فال, لل) or, on a taa marbuta noun, its possessive. */
  readonly stripped: string;
  /** How many letters of `full` the article took: 0, 2 (ال) or 3 (وال, بال, لل...). */
  readonly prefixLength: number;
  /** Lightly stemmed: مخالفات, مخالفة -> مخالف; بياناتي -> بيان; violations -> violation. */
  readonly stem: string;
}

const NOT_WORD = /[^\p{L}\p{N}]+/u; // whitespace and punctuation, including ، ؛ ؟
const APOSTROPHES = /['\u2018\u2019]/g; // "driver's" is one word, not "driver" and "s"
const ARABIC_LETTER = /^[\u0621-\u064a]+$/u;

// [prefix, letters that must remain]. وال/بال/لل need three: والد (father) and بالغ (adult)
// are words, not و/ب + an article.
const ARTICLES: readonly (readonly [string, number])[] = [
  ['وال', 3],
  ['بال', 3],
  ['كال', 3],
  ['فال', 3],
  ['لل', 3],
  ['ال', 2],
];

// A possessive pronoun on a noun ending in taa marbuta turns it into ت: هويتي (my ID) is
// هوية + ي. Back to the noun (folded ة is ه), when at least three letters remain; but not after
// an alef, where ت is the plural's: بياناتي (my data) is بيانات + ي, for the stemmer.
const POSSESSIVE_AFTER_TAA = /^(.{2,}[^ا])ت(ي|ك|ه|ها|نا|هم|كم)$/u;

function withoutPossessive(word: string): string {
  const match = POSSESSIVE_AFTER_TAA.exec(word);
  return match ? `${match[1]}ه` : word;
}

// Suffixes a light stemmer takes off (Larkey's light10, in folded letters), longest first: the
// sound plurals and duals (ات ون ين ان), the possessives (ها هم كم نا ي ك), the nisba (يه) and
// the taa marbuta (ه). At most two go (بياناتي -> بيانات -> بيان), and three letters stay.
const SUFFIXES = ['ات', 'ون', 'ين', 'ان', 'ها', 'هم', 'كم', 'نا', 'يه', 'ه', 'ي', 'ك'];
const MIN_STEM = 3;

function arabicStem(word: string): string {
  let stem = word;
  for (let pass = 0; pass < 2; pass++) {
    const suffix = SUFFIXES.find((s) => stem.endsWith(s) && stem.length - s.length >= MIN_STEM);
    if (!suffix) break;
    stem = stem.slice(0, -suffix.length);
  }
  return stem;
}

/** English plurals and verb forms people type: fines -> fine, licences -> licence, renewing -> renew. */
function englishStem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2);
  return word;
}

function stemOf(stripped: string): string {
  if (ARABIC_LETTER.test(stripped)) return arabicStem(stripped);
  if (/^[a-z]+$/.test(stripped)) return englishStem(stripped);
  return stripped;
}

function toWord(full: string): SearchWord {
  if (full.length > 3) {
    for (const [prefix, minRest] of ARTICLES) {
      if (full.startsWith(prefix) && full.length - prefix.length >= minRest) {
        const stripped = full.slice(prefix.length);
        return { full, stripped, prefixLength: prefix.length, stem: stemOf(withoutPossessive(stripped)) };
      }
    }
  }
  const stripped = withoutPossessive(full);
  return { full, stripped, prefixLength: 0, stem: stemOf(stripped) };
}

/** The words of a text: folded by normaliseArabic, split on whitespace and punctuation. */
export function searchWords(text: string): SearchWord[] {
  return normaliseArabic(text)
    .replace(APOSTROPHES, '')
    .split(NOT_WORD)
    .filter((token) => token !== '')
    .map(toWord);
}

// A conjunction or preposition of one letter joined to a word (ومخالفات, بالهوية is an article
// above). Taken off only for a query word, and only to meet a stem of the index exactly: وثيقة
// (document) and بطاقة (card) begin with these letters too.
const JOINED_PREFIXES = ['و', 'ف', 'ب', 'ل', 'ك'];

/** Other readings of a query word: the word without a joined و, ف, ب, ل or ك. */
export function joinedPrefixReadings(word: SearchWord): SearchWord[] {
  if (word.prefixLength > 0 || word.full.length < 4 || !ARABIC_LETTER.test(word.full)) return [];
  return JOINED_PREFIXES.filter((p) => word.full.startsWith(p)).map((p) => toWord(word.full.slice(p.length)));
}

/**
 * The words of a text as the search compares them: folded by normaliseArabic, split on
 * whitespace and punctuation, and with the article (ال, وال, بال, لل) taken off words of more
 * than three letters: "الهوية" -> "هويه", "للخدمات" -> "خدمات", "الم" stays "الم".
 */
export function searchTokens(text: string): string[] {
  return searchWords(text).map((word) => word.stripped);
}
