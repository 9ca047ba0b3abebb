// The values the admin API accepts, as in db/schema.ts and db/maintainer-schema.ts (the client
// does not import those: they carry the database tables). The admin API rejects anything else
// with a 400, which the console shows next to the field.
export const COST_KINDS = ['free', 'paid', 'varies', 'unknown'] as const;
export const FEMALE_STAFF = ['yes', 'on_request', 'no', 'unknown'] as const;
export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
export const ELIGIBLE_GENDERS = ['any', 'women', 'men', 'unknown'] as const;
export const ACCESSIBILITY_FEATURES = ['wheelchair', 'sign_language', 'remote', 'home_visits', 'childcare', 'interpretation'] as const;
export const SERVICE_LANGUAGES = ['ar', 'ckb', 'kmr', 'en', 'es', 'syr', 'tr', 'cak', 'kek'] as const;
export const TEXT_LANGUAGES = ['ar', 'ckb', 'kmr', 'en', 'es'] as const;
export const VERIFICATION_METHODS = ['call', 'visit', 'email', 'partner_report'] as const;
export const VERIFICATION_RESULTS = ['confirmed', 'corrected', 'unreachable', 'closed'] as const;
export const FEMALE_STAFF_OFFERED = ['yes', 'no', 'not_asked'] as const;
export const TRANSLATION_STATUSES = ['missing', 'machine', 'reviewed'] as const;
export const REPORT_OUTCOMES = ['fixed', 'verified_correct', 'not_actionable', 'duplicate'] as const;
/** Routes one can call (api/admin/routes/verification.ts PHONE_KINDS). */
export const PHONE_KINDS = new Set(['phone', 'hotline', 'whatsapp', 'signal', 'telegram']);
/** Where a listing's hours are read (the closure form's offset). */
export const COUNTRY_OFFSET: Record<string, string> = { IQ: '+03:00', GT: '-06:00' };
export const COUNTRY_ZONE: Record<string, string> = { IQ: 'Asia/Baghdad', GT: 'America/Guatemala' };
