/**
 * The directory's vocabulary: every closed list of values the Worker, the seed, the survivor pages'
 * script and the maintainers' console share. Pure data and a few one-line predicates (no drizzle,
 * no D1, no DOM), so each of them imports it: db/schema.ts takes its column enums from here, the
 * console its form options, the pages their languages and P-code check. A value list that appears
 * anywhere else is a second copy and should import from here instead.
 */

// ---- Languages -------------------------------------------------------------------------------

/**
 * The languages of the interface and of the directory's own texts (names, notes, labels): Arabic,
 * Sorani, Badini (the Iraqi form of Kurmanji), English, Spanish. Arabic is the default.
 */
export const LANGUAGES = ['ar', 'ckb', 'kmr', 'en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
/** User-visible text per language; any language may be missing (the fallback order applies). */
export type LocalizedText = Partial<Record<Language, string>>;

/** The interface speaks exactly the languages the directory's texts are written in. */
export const UI_LANGUAGES = LANGUAGES;
export type UiLanguage = Language;

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
export const isUiLanguage = isLanguage;

/**
 * Which languages to try, in order, when a text is missing in the requested one. Kurdish
 * readers in Iraq read the other Kurdish variety and Arabic before English; Spanish readers in
 * Guatemala read English before Arabic.
 */
export const FALLBACK_ORDER: Record<Language, readonly Language[]> = {
  ar: ['ar', 'en', 'ckb', 'kmr', 'es'],
  ckb: ['ckb', 'kmr', 'ar', 'en', 'es'],
  kmr: ['kmr', 'ckb', 'ar', 'en', 'es'],
  en: ['en', 'ar', 'es', 'ckb', 'kmr'],
  es: ['es', 'en', 'ar', 'ckb', 'kmr'],
};

/**
 * The languages a listing's sort key (services.sort_name, the key of "by name") is taken from, in
 * order: English, then the others in LANGUAGES order. The key is stored once per listing, not per
 * reader, so every listing takes it from the same language wherever it can, and the name order is
 * one stable order whatever language the list is read in.
 */
export const SORT_NAME_FALLBACK: readonly Language[] = ['en', ...LANGUAGES.filter((l) => l !== 'en')];

/**
 * Languages written in Arabic script: right to left, and (as Iraq writes them) with Arabic-Indic
 * digits. Our Badini is written in Arabic script too.
 */
export const ARABIC_SCRIPT_LANGUAGES: ReadonlySet<string> = new Set<Language>(['ar', 'ckb', 'kmr']);

/** The text direction of a language code; anything not written in Arabic script is left to right. */
export const dirOf = (lang: string): 'rtl' | 'ltr' => (ARABIC_SCRIPT_LANGUAGES.has(lang) ? 'rtl' : 'ltr');

/**
 * Languages a service may be offered in, per country: the directory's languages that are spoken
 * there plus Syriac and Turkmen (Iraq), K'iche' and Q'eqchi' (Guatemala).
 */
export const OFFERED_LANGUAGES: Record<Country, readonly string[]> = {
  IQ: ['ar', 'ckb', 'kmr', 'en', 'syr', 'tr'],
  GT: ['es', 'en', 'cak', 'kek'],
};
/** Every language a maintainer can say a service is offered in. */
export const SERVICE_LANGUAGES: readonly string[] = [
  ...new Set<string>([...LANGUAGES, ...OFFERED_LANGUAGES.IQ, ...OFFERED_LANGUAGES.GT]),
];

// ---- Countries and areas ---------------------------------------------------------------------

export const COUNTRIES = ['IQ', 'GT'] as const;
export type Country = (typeof COUNTRIES)[number];

/**
 * The one source of a country's time zone. Opening hours are evaluated in the service's own zone,
 * never the reader's, and a service carries a country, not an area: the zone must be known without
 * reading an area row. Each country has one zone, so the areas' `time_zone` column is written from
 * this table by the seed and read by nobody who could get a different answer.
 */
export const COUNTRY_TIME_ZONES: Record<Country, string> = {
  IQ: 'Asia/Baghdad',
  GT: 'America/Guatemala',
};

/**
 * Each country's offset from UTC, for forms that take a wall-clock time (a closure's start and end).
 * Fixed, because neither Iraq nor Guatemala observes daylight saving time (checked against the
 * zones in test/domain/vocabulary.test.ts).
 */
export const COUNTRY_UTC_OFFSETS: Record<Country, string> = {
  IQ: '+03:00',
  GT: '-06:00',
};

export const isCountry = (value: unknown): value is Country =>
  typeof value === 'string' && (COUNTRIES as readonly string[]).includes(value);
/** A country's zone; UTC for a code that is not one of ours (never the reader's own zone). */
export const timeZoneOf = (country: string): string => (isCountry(country) ? COUNTRY_TIME_ZONES[country] : 'UTC');
export const utcOffsetOf = (country: string): string => (isCountry(country) ? COUNTRY_UTC_OFFSETS[country] : '+00:00');

/**
 * An area's code: an OCHA P-code, the country's two letters then letters and digits (IQG15Q05 for
 * Mosul district, GT0101 for Guatemala City; upper case, at most 20 characters), or a region's
 * ISO 3166-2 code, the country's letters, a hyphen and up to three letters or digits (IQ-KR for the
 * Kurdistan Region), which no OCHA P-code can equal (api/domain/area-paths.ts `isRegionCode`).
 */
export const PCODE_PATTERN = /^[A-Z]{2}(?:[A-Z0-9]{0,18}|-[A-Z0-9]{1,3})$/;
export const isPcode = (value: unknown): value is string => typeof value === 'string' && PCODE_PATTERN.test(value);

/**
 * What the `level` of an area means: OCHA's administrative levels (0 the country, 1 a governorate
 * in Iraq or a departamento in Guatemala, 2 a district or municipio, 3 a subdistrict), and -1 for a
 * region, a grouping of governorates that is no OCHA level (the Kurdistan Region). A region lies
 * between its country and its governorates on their paths; its level is below every OCHA level so
 * that "level 1" still means exactly the governorates and "finest first" never picks a region.
 */
export const AREA_LEVELS = { country: 0, governorate: 1, district: 2, subdistrict: 3, region: -1 } as const;

// ---- Services ---------------------------------------------------------------------------------

export const SERVICE_STATUSES = ['draft', 'published', 'closed'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
export const FEMALE_STAFF = ['yes', 'on_request', 'no', 'unknown'] as const;
export type FemaleStaff = (typeof FEMALE_STAFF)[number];
export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
export const COST_KINDS = ['free', 'paid', 'varies', 'unknown'] as const;
export type CostKind = (typeof COST_KINDS)[number];
export const ELIGIBLE_GENDERS = ['any', 'women', 'men', 'unknown'] as const;
export type EligibleGender = (typeof ELIGIBLE_GENDERS)[number];
export const ACCESSIBILITY_FEATURES = [
  'wheelchair',
  'sign_language',
  'remote',
  'home_visits',
  'childcare',
  'interpretation',
] as const;

// ---- Pathways ---------------------------------------------------------------------------------

/** Whether a referral pathway is shown to the public: only a published one is. */
export const PATHWAY_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type PathwayStatus = (typeof PATHWAY_STATUSES)[number];

/** What a step of a referral pathway is for; the pages name each kind in every UI language. */
export const STEP_KINDS = [
  'get_safe_now',
  'keep_evidence',
  'talk_to_someone',
  'report',
  'forensic_examination',
  'investigation',
  'legal_help',
  'recovery',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/**
 * The choices a person has at a step ("your choices"): reporting without a name, asking for a
 * female officer, bringing someone along, or an organisation passing the case on without the name.
 */
export const STEP_CHOICES = ['anonymous', 'female_officer', 'someone_with_you', 'passed_on_without_name'] as const;
export type StepChoice = (typeof STEP_CHOICES)[number];

// ---- Contact routes ---------------------------------------------------------------------------

export const CONTACT_ROUTE_KINDS = [
  'phone',
  'hotline',
  'sms',
  'whatsapp',
  'signal',
  'telegram',
  'email',
  'web_form',
  'walk_in',
] as const;
export type ContactRouteKind = (typeof CONTACT_ROUTE_KINDS)[number];

/**
 * Routes reached with a phone number: the admin API accepts only a dialable number or short code
 * for them, the pages show the number grouped for reading and list these routes first. Telegram is
 * one (Telegram opens a chat by number); the pages still show a Telegram username as it is written
 * (api/domain/contact-actions.ts links both), because older records may hold one.
 */
export const PHONE_KINDS = [
  'phone',
  'hotline',
  'sms',
  'whatsapp',
  'signal',
  'telegram',
] as const satisfies readonly ContactRouteKind[];
export const isPhoneKind = (kind: string): boolean => (PHONE_KINDS as readonly string[]).includes(kind);

/** Routes one can ring (a test call, verification by call): every phone route but SMS, which carries only text. */
export const CALLABLE_KINDS: readonly ContactRouteKind[] = PHONE_KINDS.filter((kind) => kind !== 'sms');
export const isCallableKind = (kind: string): boolean => (CALLABLE_KINDS as readonly string[]).includes(kind);

export const VISIBILITIES = ['public', 'practitioner'] as const;

// ---- Verification, reports, translations ------------------------------------------------------

export const VERIFICATION_STATUSES = ['unverified', 'verified', 'overdue'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
export const VERIFICATION_METHODS = ['call', 'visit', 'email', 'partner_report'] as const;
export const VERIFICATION_RESULTS = ['confirmed', 'corrected', 'unreachable', 'closed'] as const;
/** Whether a test call was offered a woman to speak to ("not asked" is not "no"). */
export const FEMALE_STAFF_OFFERED = ['yes', 'no', 'not_asked'] as const;
export const TRANSLATION_STATUSES = ['missing', 'machine', 'reviewed'] as const;
/** What anyone can report about a listing. */
export const PROBLEM_KINDS = ['no_answer', 'closed', 'wrong_number', 'unsafe_practice', 'other'] as const;
/** How a maintainer closes a problem report. */
export const REPORT_OUTCOMES = ['fixed', 'verified_correct', 'not_actionable', 'duplicate'] as const;
/** What a change-log entry did to a record. */
export const CHANGE_OPS = ['update', 'create', 'delete'] as const;

// ---- Maintainers ------------------------------------------------------------------------------

export const ROLES = ['admin', 'coordinator', 'editor', 'caseworker'] as const;
export type Role = (typeof ROLES)[number];
export const API_TOKEN_ACCESS = ['read', 'write'] as const;
/** A session is full, or limited to setting up a second factor until the person has one. */
export const SESSION_STAGES = ['full', 'enrol_totp'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

export type ListingAction = 'read' | 'edit' | 'history' | 'publish' | 'verify' | 'revert';
/**
 * Which roles may do what with a listing (scope, areas or organisation, is checked besides). The
 * admin API enforces it (api/admin/auth/policy.ts); the console shows a control only to a role
 * that may use it, so nobody meets a button that is then refused.
 */
export const LISTING_ACTION_ROLES: Record<ListingAction, readonly Role[]> = {
  read: ['admin', 'coordinator', 'editor', 'caseworker'],
  edit: ['admin', 'coordinator', 'editor'],
  history: ['admin', 'coordinator', 'editor'],
  publish: ['admin', 'coordinator'],
  verify: ['admin', 'coordinator'],
  revert: ['admin', 'coordinator'],
};
