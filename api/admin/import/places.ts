/**
 * A row's area: its P-code checked against the loaded areas, or its governorate, district and
 * subdistrict names matched in any language or script (the place search's own matching,
 * api/domain/ranking.ts), each name narrowing the others. Nothing is guessed: an unknown or
 * ambiguous name is a reason, naming the candidates.
 */
import { covers } from '../../domain/area-paths.ts';
import { PLACE_MATCH, placeMatch } from '../../domain/ranking.ts';
import type { Country, LocalizedText } from '../../domain/vocabulary.ts';

export interface KnownArea {
  pcode: string;
  country: Country;
  level: number;
  path: string;
  names: LocalizedText;
  aliases: string[];
}

export type AreaResult = { ok: true; area: KnownArea } | { ok: false; column: string; reason: string };

const NAME_COLUMNS = ['governorate', 'district', 'subdistrict'] as const;
type NameColumn = (typeof NAME_COLUMNS)[number];

const below = (outer: KnownArea, inner: KnownArea) => outer !== inner && covers(outer.path, inner.path);
const label = (a: KnownArea) => `${a.names.en ?? a.names.es ?? a.names.ar ?? a.pcode} (${a.pcode})`;

/** The parts of a cell: "Ninewa / نينوى" names one place twice; any part may match. */
const parts = (cell: string) => [cell, ...cell.split(/[/|()،,]/)].map((p) => p.trim()).filter(Boolean);

function named(areas: KnownArea[], cell: string): KnownArea[] {
  const candidates = areas.filter((a) => a.level > 0);
  const tier = (a: KnownArea) => Math.min(...parts(cell).map((p) => placeMatch(p, a)[0]));
  const exact = candidates.filter((a) => tier(a) <= PLACE_MATCH.otherName);
  if (exact.length) return exact;
  // A transliteration ("Qayyarah" for "Al-Qayarra") when no name is written exactly.
  return candidates.filter((a) => tier(a) === PLACE_MATCH.sameSkeleton);
}

export function resolveArea(
  areas: KnownArea[],
  byPcode: Map<string, KnownArea>,
  given: Partial<Record<NameColumn | 'pcode', string>>,
): AreaResult {
  if (given.pcode) {
    const area = byPcode.get(given.pcode.trim().toUpperCase());
    return area ? { ok: true, area } : { ok: false, column: 'pcode', reason: `no area has the P-code ${given.pcode}` };
  }
  const columns = NAME_COLUMNS.filter((c) => given[c]);
  if (!columns.length) return { ok: false, column: 'governorate', reason: 'no P-code and no place name' };
  const sets = columns.map((c) => named(areas, given[c]!));
  for (let k = 0; k < columns.length; k++) {
    if (!sets[k]!.length) return { ok: false, column: columns[k]!, reason: `no area is named "${given[columns[k]!]}"` };
  }
  // Each name narrows the next (a district in that governorate) and the previous (a governorate
  // that has such a district).
  for (let k = 1; k < columns.length; k++) {
    const narrowed = sets[k]!.filter((a) => sets[k - 1]!.some((p) => below(p, a)));
    if (!narrowed.length) {
      return {
        ok: false,
        column: columns[k]!,
        reason: `no area named "${given[columns[k]!]}" lies in ${sets[k - 1]!.map(label).join(' or ')}`,
      };
    }
    sets[k] = narrowed;
  }
  for (let k = columns.length - 2; k >= 0; k--) sets[k] = sets[k]!.filter((p) => sets[k + 1]!.some((a) => below(p, a)));
  const last = columns.length - 1;
  const column = columns[last]!;
  // "Erbil" is a governorate and a district: the governorate column means the larger, the others the smaller.
  const found = sets[last]!.filter((a) =>
    column === 'governorate' ? !sets[last]!.some((o) => below(o, a)) : !sets[last]!.some((o) => below(a, o)),
  );
  if (found.length === 1) return { ok: true, area: found[0]! };
  return {
    ok: false,
    column,
    reason: `"${given[column]}" is ambiguous: ${found.map(label).join(', ')}; give the P-code or the larger area`,
  };
}
