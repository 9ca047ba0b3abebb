/**
 * Which role and scope a principal may give, by invitation, to an account or to an API token
 * (M10). One check for all three, so an API token can never carry what its maker could not give.
 */
import { z } from '@hono/zod-openapi';
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { areas, organisations } from '../../../db/schema.ts';
import { PCODE_PATTERN, ROLES, type Role } from '../../domain/vocabulary.ts';
import { forbidden, invalid } from '../../errors.ts';
import { areaInScope, coordinatorCoversOrganisation } from './policy.ts';
import type { Principal } from './principal.ts';

export const Pcodes = z.array(z.string().regex(PCODE_PATTERN, 'must be P-codes')).max(50);

export const Scope = z.object({
  role: z.enum(ROLES),
  area_pcodes: Pcodes.default([]),
  organisation_id: z.string().max(100).nullable().default(null),
});
export type Scope = z.infer<typeof Scope>;

const ROLE_RANK: Record<Role, number> = { admin: 3, coordinator: 2, editor: 1, caseworker: 1 };

/** A role and scope are valid, and (for coordinators) no wider than the giver's own. */
export async function checkScope(db: Database, p: Principal, scope: Scope) {
  const bad = (name: string, reason: string) => invalid([{ in: 'body', name, reason }], null);
  if (scope.role === 'coordinator' && !scope.area_pcodes.length)
    throw bad('area_pcodes', 'a coordinator needs at least one area');
  if (scope.role === 'editor' && !scope.organisation_id)
    throw bad('organisation_id', 'an editor needs an organisation');
  if (scope.role !== 'editor' && scope.organisation_id)
    throw bad('organisation_id', 'only editors belong to an organisation');
  if ((scope.role === 'admin' || scope.role === 'editor') && scope.area_pcodes.length)
    throw bad('area_pcodes', `a ${scope.role} has no areas`);
  const known = scope.area_pcodes.length
    ? await db.select({ pcode: areas.pcode }).from(areas).where(inArray(areas.pcode, scope.area_pcodes))
    : [];
  const unknown = scope.area_pcodes.filter((a) => !known.some((k) => k.pcode === a));
  if (unknown.length) throw bad('area_pcodes', `unknown P-codes: ${unknown.join(', ')}`);
  if (
    scope.organisation_id &&
    !(await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, scope.organisation_id))
      .get())
  ) {
    throw bad('organisation_id', 'no such organisation');
  }
  if (p.role === 'admin') return;
  // Coordinators: never a higher role, never a wider scope than their own.
  if (ROLE_RANK[scope.role] > ROLE_RANK[p.role] || scope.role === 'admin')
    throw forbidden(`You may not give the role ${scope.role}.`);
  if (scope.role !== 'editor' && !scope.area_pcodes.length) throw forbidden('Give areas within your own.');
  for (const pcode of scope.area_pcodes)
    if (!(await areaInScope(db, p, pcode))) throw forbidden(`${pcode} is outside your areas.`);
  // An editor's scope is the whole organisation, so a coordinator gives it only for an
  // organisation wholly within their own scope (all its listings and locations); else an admin does.
  if (scope.organisation_id && !(await coordinatorCoversOrganisation(db, p, scope.organisation_id))) {
    throw forbidden(
      'Only an admin can make an editor of this organisation: some of its listings or locations are outside your ' +
        'areas.',
    );
  }
}
