/**
 * C2 and M1: how fresh a verification is, seen at a given moment. Computed when read, so a
 * listing whose next verification is overdue stops counting as verified even before the
 * scheduled job has rewritten its status.
 *
 * One rule for every place that shows it (service page, card, API): freshness never says more
 * than the status. Only a verified record within its cycle can be "fresh"; one past its next
 * due date is "overdue" even when its last check was recent (a hotline's cycle is 30 days, the
 * "stale" badge speaks of 90), and an unverified one is "unverified" whatever dates it carries.
 */
export type Freshness = 'fresh' | 'overdue' | 'stale' | 'very_stale' | 'unverified';
export type EffectiveVerificationStatus = 'verified' | 'overdue' | 'unverified';

const DAY_MS = 86_400_000;
/** Badges at more than 90 and more than 365 days since the last verification (C2). */
export const STALE_AFTER_DAYS = 90;
export const VERY_STALE_AFTER_DAYS = 365;

export interface VerificationFacts {
  verificationStatus: string;
  lastVerifiedAt: string | null;
  nextVerificationDue: string | null;
}

export function freshness(v: VerificationFacts, at: Date): Freshness {
  const status = effectiveVerificationStatus(v, at);
  if (status === 'unverified') return 'unverified';
  const days = (at.getTime() - Date.parse(v.lastVerifiedAt!)) / DAY_MS;
  if (days > VERY_STALE_AFTER_DAYS) return 'very_stale';
  if (days > STALE_AFTER_DAYS) return 'stale';
  return status === 'overdue' ? 'overdue' : 'fresh';
}

export function effectiveVerificationStatus(v: VerificationFacts, at: Date): EffectiveVerificationStatus {
  if (!v.lastVerifiedAt || v.verificationStatus === 'unverified') return 'unverified';
  if (v.verificationStatus === 'overdue') return 'overdue';
  if (v.nextVerificationDue && Date.parse(v.nextVerificationDue) < at.getTime()) return 'overdue';
  return 'verified';
}

/** Rank order of freshness: fresh listings first, then overdue, stale, unverified last (C2). */
export const FRESHNESS_RANK: Record<Freshness, number> = {
  fresh: 0,
  overdue: 1,
  stale: 2,
  very_stale: 3,
  unverified: 4,
};
