// Text normalisation for multiscript search (C10). Matching keys only, never shown to people.
// No imports and only erasable TypeScript: Node 22 seed scripts import this file through native
// type stripping, and the Worker bundles it.

// Apostrophes and ayn/hamza marks inside Latin transliterations (Ba'qubah, K'iche', Baʿquba) join
// the word rather than split it, so "Ba'qubah" meets "Baqubah".
const APOSTROPHES = /['`´ʹʻʼʽʾʿ‘’‛]/g;
const MARKS_AND_FORMAT = /[\p{M}\p{Cf}\u0640]/gu; // tashkeel, U+0670, Latin accents, ZWNJ, bidi marks, tatweel
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

// Letters folded after NFD has split off hamza and madda (أ إ آ ؤ ئ ۀ become base + mark).
// Kurdish letters fold to the Arabic letters used when the same place is written in Arabic, so
// "دهۆک" meets "دهوك" and "سلێمانی" meets "سليماني". گ چ پ ژ ڤ are folded too (to ك ج ب ز ف): an
// Arabic keyboard has none of them, and Arabic spellings of Kurdish names use exactly those
// substitutes (گەرمیان / كرميان, پێنجوێن / بنجوين, چەمچەماڵ / جمجمال).
const LETTER_FOLDS: Record<string, string> = {
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ى: 'ي',
  ی: 'ي',
  ێ: 'ي',
  ې: 'ي',
  ئ: 'ي',
  ة: 'ه',
  ە: 'ه',
  ھ: 'ه',
  ہ: 'ه',
  ۀ: 'ه',
  ؤ: 'و',
  ۆ: 'و',
  ۇ: 'و',
  ۉ: 'و',
  ک: 'ك',
  ڪ: 'ك',
  گ: 'ك',
  ڕ: 'ر',
  ڵ: 'ل',
  چ: 'ج',
  پ: 'ب',
  ژ: 'ز',
  ڤ: 'ف',
};
const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');
const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** A matching key for text in any script: same key for every spelling variant we fold. */
export function normaliseText(s: string): string {
  return s
    .replace(APOSTROPHES, '')
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS_AND_FORMAT, '')
    .replace(FOLDABLE, (c) => LETTER_FOLDS[c] ?? c)
    .replace(ARABIC_DIGITS, (d) => String(d.charCodeAt(0) & 0xf)) // both blocks start at …0
    .replace(NOT_WORD, ' ')
    .trim()
    .normalize('NFC');
}

// Latin transliteration skeleton. Steps, in order (examples show the key produced):
//  1. normalise; leading article words go (al, el and the assimilated ad, an, ar, as, ash, at,
//     ath, az: "As-Sulaymaniyah" → "sulaymaniyah"), the rest is joined; anything but a–z gives ''.
//     An article alone has no key.
//  2. drop an attached article al/el when at least 3 letters remain ("alqayyara" → "qayyara").
//  3. digraphs: kh→x (Kurdish Latin writes خ as x: Zakho / Zaxo), sh→s (ş loses its cedilla),
//     ch→c (ç), gh→g, th→t, dh→d, ph→f.
//  4. confusable letters: q→k (Aqrah / Akre), j→c (Kurdish Latin c is /dʒ/: Halabja / Helebce;
//     Arabic says Jamjamal for Chamchamal), v→f (Badini ڤ is written ف in Arabic).
//  5. collapse doubled letters (Qayyara / Qaiyara, Falluja / Fallujah).
//  6. drop one trailing h (Qayyarah / Qayyara, Sulaymaniyah / Sulaimaniya).
//  7. an initial vowel becomes "a" (Erbil / Arbil / Irbil → "arbl"), an initial y or w stays;
//     then every other a e i o u y w is dropped (Duhok / Dohuk / Dahuk → "dhk").
//  8. keys shorter than 2 letters are '' ("de", "y", "al"): they would match nearly everything.
// Not matched on purpose, because they are different words rather than spellings: Hawler / Erbil,
// Shingal / Sinjar, Xela / Quetzaltenango. Not matched because the rule stays simple:
// Dhi Qar / Thi Qar (dh ≠ th), Nineveh / Ninawa ("nnf" ≠ "nn"); and in search, which keys word by
// word, Telafer / Tal Afar and Ankawa / Ain Kawa (one word against two).
const LATIN_ARTICLES = new Set(['al', 'el', 'ad', 'adh', 'an', 'ar', 'as', 'ash', 'at', 'ath', 'az']);
const LATIN_DIGRAPHS: Array<[RegExp, string]> = [
  [/kh/g, 'x'],
  [/sh/g, 's'],
  [/ch/g, 'c'],
  [/gh/g, 'g'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/ph/g, 'f'],
  [/q/g, 'k'],
  [/j/g, 'c'],
  [/v/g, 'f'],
];

/** A transliteration-tolerant key for one Latin-script word; '' for anything else. */
export function latinSkeleton(word: string): string {
  const parts = normaliseText(word).split(' ');
  while (parts.length > 0 && LATIN_ARTICLES.has(parts[0] ?? '')) parts.shift();
  let w = parts.join('');
  if (!/^[a-z]+$/.test(w)) return '';
  if (/^(al|el)[a-z]{3}/.test(w)) w = w.slice(2);
  for (const [pattern, replacement] of LATIN_DIGRAPHS) w = w.replace(pattern, replacement);
  w = w.replace(/([a-z])\1+/g, '$1').replace(/(.)h$/, '$1');
  const first = /^[aeiou]/.test(w) ? 'a' : w.slice(0, 1);
  const key = first + w.slice(1).replace(/[aeiouyw]/g, '');
  return key.length >= 2 ? key : '';
}

const ARABIC_ARTICLE = 'ال';

/** "الموصل" → "موصل"; null when the word has no article or too little would remain. */
function withoutArabicArticle(word: string): string | null {
  return word.startsWith(ARABIC_ARTICLE) && word.length >= ARABIC_ARTICLE.length + 2
    ? word.slice(ARABIC_ARTICLE.length)
    : null;
}

function unique(words: Iterable<string>): string[] {
  return [...new Set(words)].filter((w) => w !== '');
}

/**
 * What goes into the FTS5 `body` and `skeletons` columns for one record. Arabic words are
 * indexed with and without the article "ال", so "الموصل" and "موصل" both find "الموصل".
 */
export function searchDocument(texts: Array<string | null | undefined>): { body: string; skeletons: string } {
  const words = unique(texts.flatMap((t) => (t ? normaliseText(t).split(' ') : [])));
  const body = unique(words.flatMap((w) => [w, withoutArabicArticle(w) ?? '']));
  const skeletons = unique(words.map(latinSkeleton));
  return { body: body.join(' '), skeletons: skeletons.join(' ') };
}

const MAX_QUERY_CHARS = 200; // bounds normalisation work on hostile input
const MAX_QUERY_WORDS = 8;
const MAX_WORD_CHARS = 32;
// A skeleton of 2 letters ("kr" for Qayyara, "zx" for Zakho) is matched whole, not as a prefix:
// as a prefix it would also find Kirkuk ("krkk") and Karbala ("krbl").
const MIN_SKELETON_PREFIX = 3;

/** The body key of a query word: article dropped (the index holds both forms) and a final ه/ة
 * dropped, so "السليمانية" also finds the Kurdish "سلێمانی" ("سليماني" is a prefix of both). */
function bodyQueryWord(word: string): string {
  const bare = withoutArabicArticle(word) ?? word;
  return /^[\u0600-\u06FF]{3,}ه$/.test(bare) ? bare.slice(0, -1) : bare;
}

function ftsString(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

/**
 * One word of a search: it matches a search row that has a word starting with `body`, or (Latin
 * words) a skeleton equal to `skeleton`, or starting with it when `skeletonPrefix`.
 */
export interface MatchClause {
  body: string;
  skeleton: string | null;
  skeletonPrefix: boolean;
}

/** The words of a search, as ftsMatchExpression matches them (all must match); empty when none is searchable. */
export function matchClauses(query: string): MatchClause[] {
  const all = unique(normaliseText(query.slice(0, MAX_QUERY_CHARS)).split(' '));
  // "Al Qayyara" must still find a record that only says "Qayyarah".
  const meaningful = all.filter((w) => !LATIN_ARTICLES.has(w));
  const words = (meaningful.length > 0 ? meaningful : all)
    .slice(0, MAX_QUERY_WORDS)
    .map((w) => Array.from(w).slice(0, MAX_WORD_CHARS).join('')); // by code point: never half a pair
  return words.map((word) => {
    const skeleton = latinSkeleton(word);
    return {
      body: bodyQueryWord(word),
      skeleton: skeleton || null,
      skeletonPrefix: skeleton.length >= MIN_SKELETON_PREFIX,
    };
  });
}

/**
 * A safe FTS5 MATCH expression for a table with columns `body` and `skeletons`: every query word
 * must match, as a prefix of a body word or (Latin words) through its skeleton. Every token is
 * quoted as an FTS5 string, so user input can never become FTS5 syntax (AND, NEAR, column filters,
 * *, ^). Null when nothing searchable is left.
 * See https://www.sqlite.org/fts5.html#full_text_query_syntax
 */
export function ftsMatchExpression(query: string): string | null {
  const clauses = matchClauses(query).map(({ body: word, skeleton, skeletonPrefix }) => {
    const body = `body : ${ftsString(word)}*`;
    if (!skeleton) return `(${body})`;
    return `(${body} OR skeletons : ${ftsString(skeleton)}${skeletonPrefix ? '*' : ''})`;
  });
  return clauses.length ? clauses.join(' AND ') : null;
}

const MAX_NAME_KEY_CHARS = 64;

/**
 * The key of a whole place name: normalised, articles dropped ("Al-Qayyara" = "Qayyara",
 * "الموصل" = "موصل") and the words joined, so a name written as one word or two is the same name
 * ("Tal Afar" = "Talafar", "تل عفر" = "تلعفر"). Place search ranks an equal key first.
 */
export function nameKey(text: string): string {
  const words = normaliseText(text).split(' ');
  while (words.length > 1 && LATIN_ARTICLES.has(words[0] ?? '')) words.shift();
  return words
    .map((w) => withoutArabicArticle(w) ?? w)
    .join('')
    .slice(0, MAX_NAME_KEY_CHARS);
}

/**
 * The FTS5 rows of one place: every word of every name (as searchDocument), and also each name of
 * several words as one joined word and one skeleton, so "Tall Afar" meets "Telafar" and "تل عفر"
 * meets "تلعفر". The seed writes exactly this for every area.
 */
export function placeSearchDocument(names: Array<string | null | undefined>): { body: string; skeletons: string } {
  const texts = names.filter((n): n is string => Boolean(n));
  const { body, skeletons } = searchDocument(texts);
  const several = texts.filter((t) => normaliseText(t).includes(' '));
  return {
    body: unique([...body.split(' '), ...several.map(nameKey)]).join(' '),
    skeletons: unique([...skeletons.split(' '), ...several.map(latinSkeleton)]).join(' '),
  };
}

/**
 * The FTS5 MATCH expressions of a place search. `any` finds every candidate: all words match (as
 * ftsMatchExpression), or the whole query as one name ("Tall Afar" finds "Telafar"). `whole`
 * finds the places that have a name whose key or skeleton equals the query's, so that they are
 * always among the candidates that the ranking orders, however many other places share a word.
 */
export function placeMatchExpressions(query: string): { any: string; whole: string } | null {
  const words = ftsMatchExpression(query);
  if (!words) return null;
  const text = query.slice(0, MAX_QUERY_CHARS);
  const key = nameKey(text);
  const skeleton = latinSkeleton(text);
  const whole = [key ? `body : ${ftsString(key)}` : '', skeleton ? `skeletons : ${ftsString(skeleton)}` : '']
    .filter(Boolean)
    .join(' OR ');
  if (!whole) return { any: words, whole: words };
  if (!normaliseText(text).includes(' ')) return { any: words, whole: `(${whole})` };
  const joined = [
    key ? `body : ${ftsString(key)}*` : '',
    skeleton.length >= MIN_SKELETON_PREFIX ? `skeletons : ${ftsString(skeleton)}*` : '',
  ]
    .filter(Boolean)
    .join(' OR ');
  return { any: joined ? `(${words}) OR (${joined})` : words, whole: `(${whole})` };
}
