/**
 * Which of a listing's filters a service does not meet, and why: its fact is not known, or it
 * does not match. Unknown is not no: a hotline whose opening hours or staff are not recorded is
 * left out of a filtered list, but it must still be offered, saying what is not known about it.
 *
 * The rules mirror the SQL of queries/service-candidates.ts and the "open" check of
 * queries/service-listing.ts, so that a service is left out exactly when it has an entry here.
 */
import type { HoursState } from './opening-hours.ts';
import type { CostKind, EligibleGender, FemaleStaff, YES_NO_UNKNOWN } from './vocabulary.ts';

/** The filters that test a fact of a service, by their API parameter names. */
export const FACT_FILTERS = [
  'open_now',
  'open_at',
  'language',
  'female_staff',
  'free',
  'anonymous',
  'gender',
  'age',
  'accessibility',
  'accompaniment',
  'safe_place_meeting',
  'without_identity',
] as const;
export type FactFilter = (typeof FACT_FILTERS)[number];

export interface UnmetFilter {
  filter: FactFilter;
  reason: 'unknown' | 'does_not_match';
}

export interface FactFilters {
  /** Open at the listing's hours moment: given as open_now or open_at. */
  open?: 'open_now' | 'open_at';
  language?: string;
  femaleStaff?: boolean;
  free?: boolean;
  anonymous?: boolean;
  gender?: 'female' | 'male';
  age?: number;
  accessibility?: string[];
  accompaniment?: boolean;
  safePlaceMeeting?: boolean;
  withoutIdentity?: boolean;
}

export interface ServiceFacts {
  hours: Pick<HoursState, 'state'>;
  languages: string[];
  femaleStaff: FemaleStaff;
  costKind: CostKind;
  anonymousReporting: (typeof YES_NO_UNKNOWN)[number];
  eligibleGender: EligibleGender;
  minAge: number | null;
  maxAge: number | null;
  accessibility: string[];
  accompaniment: (typeof YES_NO_UNKNOWN)[number];
  safePlaceMeeting: (typeof YES_NO_UNKNOWN)[number];
  passesOnWithoutIdentity: (typeof YES_NO_UNKNOWN)[number];
}

export const hasFactFilters = (f: FactFilters): boolean =>
  Boolean(
    f.open ||
    f.language ||
    f.femaleStaff ||
    f.free ||
    f.anonymous ||
    f.gender ||
    f.age !== undefined ||
    f.accessibility?.length ||
    f.accompaniment ||
    f.safePlaceMeeting ||
    f.withoutIdentity,
  );

export function unmetFilters(s: ServiceFacts, f: FactFilters): UnmetFilter[] {
  const unmet: UnmetFilter[] = [];
  const check = (filter: FactFilter, met: boolean, known: boolean) => {
    if (!met) unmet.push({ filter, reason: known ? 'does_not_match' : 'unknown' });
  };
  if (f.open) check(f.open, s.hours.state === 'open', s.hours.state !== 'unknown');
  // An empty language list means the languages were not recorded.
  if (f.language) check('language', s.languages.includes(f.language), s.languages.length > 0);
  if (f.femaleStaff)
    check('female_staff', s.femaleStaff === 'yes' || s.femaleStaff === 'on_request', s.femaleStaff !== 'unknown');
  if (f.free) check('free', s.costKind === 'free', s.costKind !== 'unknown');
  if (f.anonymous) check('anonymous', s.anonymousReporting === 'yes', s.anonymousReporting !== 'unknown');
  if (f.gender) {
    const eligible = s.eligibleGender === 'any' || s.eligibleGender === (f.gender === 'female' ? 'women' : 'men');
    check('gender', eligible, s.eligibleGender !== 'unknown');
  }
  // No age bound recorded means no limit, as in the listing.
  if (f.age !== undefined)
    check('age', (s.minAge === null || s.minAge <= f.age) && (s.maxAge === null || s.maxAge >= f.age), true);
  // A feature missing from the list is not recorded, which does not mean it is absent.
  if (f.accessibility?.length)
    check(
      'accessibility',
      f.accessibility.every((a) => s.accessibility.includes(a)),
      false,
    );
  const yes = (filter: FactFilter, fact: (typeof YES_NO_UNKNOWN)[number]) =>
    check(filter, fact === 'yes', fact !== 'unknown');
  if (f.accompaniment) yes('accompaniment', s.accompaniment);
  if (f.safePlaceMeeting) yes('safe_place_meeting', s.safePlaceMeeting);
  if (f.withoutIdentity) yes('without_identity', s.passesOnWithoutIdentity);
  return unmet;
}
