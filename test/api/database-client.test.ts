// Every request gets its own drizzle client over its own D1 session; what the client knows of the
// schema (tables, columns, relations) is the same for all of them, so it is worked out once per
// isolate rather than on every request.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { database } from '../../db/client.ts';
import { services, serviceTypes } from '../../db/schema.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';

const NOOR_HELPLINE = '866c8ddd-c6ff-59ca-8f3f-a759504af7b2';

describe('the database client of a request', () => {
  it('reads through the D1 binding or session it was made for, and no other', async () => {
    const first = instrumentedDb(env.DB);
    const second = instrumentedDb(env.DB);
    const one = database(first.binding);
    const other = database(second.binding.withSession('first-unconstrained'));
    const [service] = await one.select({ id: services.id }).from(services).where(eq(services.id, NOOR_HELPLINE));
    expect(service?.id).toBe(NOOR_HELPLINE);
    expect(first.recorded.map((r) => r.sql)).toEqual([expect.stringContaining('from "services"')]);
    expect(second.recorded).toEqual([]);
    const [types, again] = await other.batch([
      other.select({ id: serviceTypes.id }).from(serviceTypes),
      other.select({ id: services.id }).from(services).where(eq(services.id, NOOR_HELPLINE)),
    ]);
    expect(types.length).toBeGreaterThan(0);
    expect(again).toEqual([{ id: NOOR_HELPLINE }]);
    expect(second.trips()).toBe(1);
    expect(first.recorded).toHaveLength(1);
  });

  it('knows every table and its relations, worked out once and shared by every client', () => {
    const one = database(env.DB);
    const other = database(env.DB.withSession('first-primary'));
    expect(Object.keys(one._.schema ?? {})).toEqual(expect.arrayContaining(['services', 'serviceTypes', 'areas']));
    expect(one.query.services).toBeDefined();
    expect(other._.schema).toBe(one._.schema);
    expect(other._.tableNamesMap).toBe(one._.tableNamesMap);
  });

  it('relational queries still decode rows by the schema', async () => {
    const found = await database(env.DB).query.services.findFirst({ where: eq(services.id, NOOR_HELPLINE) });
    expect(found?.id).toBe(NOOR_HELPLINE);
    expect(typeof found?.names).toBe('object');
  });
});
