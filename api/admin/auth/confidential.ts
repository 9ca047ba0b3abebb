/**
 * Who may ever see a confidential location's street address and coordinates (a shelter's).
 * One rule, asked by every admin read that can carry them (the full listing, the location
 * record), so that no endpoint gives what another refuses:
 *
 * - admins: yes;
 * - coordinators: when the location's area is one of theirs;
 * - editors: when the location belongs to their own organisation;
 * - caseworkers: never. They refer people to a shelter through its contact routes and referral
 *   details; the address is given by the shelter itself, not by the directory.
 *
 * API tokens follow the role they were made with. Locations that are not confidential have a
 * public address, so the rule does not restrict them. What the public sees of a confidential
 * location (no address, no coordinates, only its governorate) is api/queries/confidential-location.ts.
 */
import { inAreas } from './policy.ts';
import type { Principal } from './principal.ts';

export interface SiteFacts {
  organisationId: string;
  /** The location's area path ("/IQ/IQG11/IQG11Q02/"), null when the area is unknown. */
  areaPath: string | null;
  isConfidential: boolean;
}

export function maySeeAddress(p: Principal, site: SiteFacts): boolean {
  if (!site.isConfidential) return true;
  switch (p.role) {
    case 'admin':
      return true;
    case 'coordinator':
      return site.areaPath !== null && inAreas(p, [site.areaPath]);
    case 'editor':
      return p.organisationId !== null && p.organisationId === site.organisationId;
    case 'caseworker':
      return false;
  }
}

/** The address fields of a location record, emptied when the principal may not see them. */
export function locationAsSeenBy<T extends Record<string, unknown>>(
  p: Principal,
  site: SiteFacts,
  location: T,
): T & { address_withheld: boolean } {
  if (maySeeAddress(p, site)) return { ...location, address_withheld: false };
  return { ...location, address: null, lon: null, lat: null, address_withheld: true };
}
