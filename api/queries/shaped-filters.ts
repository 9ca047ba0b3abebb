/**
 * A listing's filters as a shaped statement (db/shaped-query.ts) takes them: every value that
 * becomes a bound parameter replaced by a slot, and a key naming everything else the statement's
 * text depends on (which filters are set, the yes/no ones and the gender asked for, how many
 * accessibility features and words). Statements built from these filters by the same functions
 * with the same key have the same text; `values` binds each request's own.
 *
 * Only the filters listed here are slotted; filters holding anything else (an area, a box, or a
 * filter added later) give null, and their statements are built from the query builder as before.
 */
import { idsParameter, idsSlot } from '../../db/id-list.ts';
import { slot } from '../../db/shaped-query.ts';
import type { CandidateFilters } from './service-candidates.ts';
import { slottedClauses } from './text-search.ts';

export interface SlottedFilters {
  key: string;
  filters: CandidateFilters;
  values: Record<string, unknown>;
}

/** Filters that only choose which fixed condition is written (none of them is a parameter). */
const YES_NO = new Set([
  'femaleStaff',
  'freeOnly',
  'anonymousReporting',
  'accompaniment',
  'safePlaceMeeting',
  'withoutIdentity',
]);

export function slottedFilters(f: CandidateFilters): SlottedFilters | null {
  const key: string[] = [];
  const filters: Record<string, unknown> = {};
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(f) as Array<[keyof CandidateFilters, unknown]>) {
    if (value === undefined) continue;
    if (YES_NO.has(name)) {
      if (typeof value !== 'boolean') return null;
      key.push(`${name}=${value}`);
      filters[name] = value;
    } else if (name === 'country' || name === 'offeredIn' || name === 'textMatch') {
      // An empty text would be tested as absent: written as it is, not slotted.
      if (typeof value !== 'string' || value === '') return null;
      key.push(name);
      filters[name] = slot(name);
      values[name] = value;
    } else if (name === 'age') {
      if (typeof value !== 'number') return null;
      key.push(name);
      filters[name] = slot(name);
      values[name] = value;
    } else if (name === 'eligibleGender') {
      if (value !== 'female' && value !== 'male') return null;
      key.push(`${name}=${value}`);
      filters[name] = value;
    } else if (name === 'typeIds') {
      if (!Array.isArray(value)) return null;
      // An empty list is tested as none; a list of any length is one JSON parameter.
      if (value.length === 0) {
        key.push(`${name}=none`);
        filters[name] = value;
      } else {
        // One type or several is a different statement (the walk's type probe, area-walk.ts).
        const several = value.length > 1;
        key.push(`${name}=${several ? 'several' : 'one'}`);
        filters[name] = idsSlot(name);
        filters.severalTypes = several;
        values[name] = idsParameter(value as string[]);
      }
    } else if (name === 'accessibility') {
      // One JSON value, whatever the number of features (service-candidates.ts `serviceConditions`).
      if (!Array.isArray(value) || value.length === 0) return null;
      key.push(`${name}=some`);
      filters[name] = idsSlot(name);
      values[name] = idsParameter(value as string[]);
    } else if (name === 'textClauses') {
      if (!Array.isArray(value)) return null;
      const words = slottedClauses(value as NonNullable<CandidateFilters['textClauses']>);
      key.push(`${name}=${words.key}`);
      filters[name] = words.clauses;
      Object.assign(values, words.values);
    } else if (name === 'severalTypes' || name === 'typeFamilies') {
      // Worked out from typeIds above; the families choose ranges, never a condition.
    } else {
      return null;
    }
  }
  return { key: key.join(' '), filters: filters as CandidateFilters, values };
}
