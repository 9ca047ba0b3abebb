// Writes place-names.json, the other names of our areas, from the matched Who's On First names
// (a `variants.json` made by matching WOF records to our P-codes by geometry and name; see
// README.md, "Other place names"). Run with the project's Node 22:
//   node db/seed/geo/place-names-from-wof.mjs path/to/variants.json
// Only names in the languages people type for these places are kept, and only one spelling per
// search key: everything else the search folds anyway.
import { readFileSync, writeFileSync } from 'node:fs';
import { nameKey } from '../../../api/domain/text-normalise.ts';

// Iraq: Arabic and its Egyptian variety, Kurdish (WOF `kur` is GeoNames' `ku`: Kurmanji Latin and
// some Sorani), Sorani, English, Spanish (a language of the site), GeoNames' unlabelled variants,
// Syriac and Turkmen/Turkish (Iraq's minority languages). Guatemala: Spanish, English, K'iche',
// Kaqchikel, Q'eqchi', Mam and Nahuatl.
const LANGUAGES = new Set(['ara', 'arz', 'kur', 'ckb', 'kmr', 'eng', 'spa', 'und', 'arc', 'syr', 'tur', 'tuk', 'azb']);
const GUATEMALA_LANGUAGES = new Set(['spa', 'eng', 'und', 'quc', 'cak', 'kek', 'mam', 'nah']);
// Longer "names" are descriptions from GeoNames (police posts, "… district centre"), not names.
const MAX_WORDS = 4;
const GEO = new URL('./', import.meta.url);
const FILES = ['iraq-admin1', 'iraq-admin2', 'iraq-admin3', 'guatemala-admin1', 'guatemala-admin2'];

const source = process.argv[2];
if (!source) throw new Error('usage: place-names-from-wof.mjs variants.json');
const variants = JSON.parse(readFileSync(source, 'utf8'));
const official = new Map();
for (const file of FILES)
  for (const { properties: p } of JSON.parse(readFileSync(new URL(`${file}.geojson`, GEO), 'utf8')).features)
    official.set(p.pcode, [p.name_en, p.name_ar, p.name_ckb, p.name_es].filter(Boolean));

const out = {
  _meta: {
    source: 'Who\'s On First, whosonfirst-data-admin-iq @ 4c7a00f6387bcab9094ac10c9448177515f1098f and ' +
      'whosonfirst-data-admin-gt @ c058a1142aed92b736d549465b67c339527916d6 (names only, no geometry)',
    credit: 'Place names: Who\'s On First (https://whosonfirst.org/docs/licenses/), including GeoNames ' +
      '(https://www.geonames.org, CC BY 4.0) and Wikidata (CC0).',
    format: '{ pcode: { wof: [WOF record ids the names came from], names: [other names] } }',
  },
};
for (const pcode of [...official.keys()].sort()) {
  const entry = variants[pcode];
  if (!entry) continue;
  const keep = pcode.startsWith('GT') ? GUATEMALA_LANGUAGES : LANGUAGES;
  const seen = new Set(official.get(pcode).map(nameKey));
  const names = [];
  const records = new Set();
  for (const n of entry.names) {
    if (!n.core || !['Latn', 'Arab'].includes(n.script) || !(n.langs ?? [n.lang]).some((l) => keep.has(l))) continue;
    if (n.text.trim().split(/\s+/).length > MAX_WORDS) continue;
    const key = nameKey(n.text);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    names.push(n.text.trim());
    records.add(Number(n.src.replace(/^wof:/, '')));
  }
  if (names.length) out[pcode] = { wof: [...records].sort((a, b) => a - b), names };
}
const lines = Object.entries(out).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
writeFileSync(new URL('place-names.json', GEO), `{\n${lines.join(',\n')}\n}\n`);
