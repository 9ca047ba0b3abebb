// A statement built once per shape of its filters (api/queries/shaped-filters.ts) must have the text
// the query builder gives for the request's own filters: a key that leaves out something the text
// depends on would bind one request's values into another shape's statement.
import { sql } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { conditions } from '../../api/queries/area-walk.ts';
import type { CandidateFilters } from '../../api/queries/service-candidates.ts';
import { slottedFilters } from '../../api/queries/shaped-filters.ts';

const dialect = new SQLiteSyncDialect();
const text = (f: CandidateFilters) => dialect.sqlToQuery(sql.join(conditions(f), sql` AND `)).sql;

const cases: Array<[string, CandidateFilters]> = [
  ['one type', { typeIds: ['legal_aid'] }],
  ['a type and its sub-types', { typeIds: ['police', 'police_fpu'] }],
  ['every priority type, with a language and an age', { typeIds: ['a', 'b', 'c', 'd'], offeredIn: 'ar', age: 15 }],
  ['no type', { typeIds: [], eligibleGender: 'female' }],
];

describe('filters slotted for a statement built once per shape', () => {
  it.each(cases)('%s: the same conditions as built for the request', (_, f) => {
    const slotted = slottedFilters(f);
    expect(slotted).not.toBeNull();
    expect(text(slotted!.filters)).toBe(text(f));
  });

  it('one type and several types are different shapes', () => {
    expect(slottedFilters({ typeIds: ['legal_aid'] })!.key).not.toBe(
      slottedFilters({ typeIds: ['police', 'police_fpu'] })!.key,
    );
  });
});
