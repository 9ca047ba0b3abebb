// One service's answer reads what that service has, whatever the directory holds around it: its
// routes, sites, closures, types, areas and the few services it passes cases to or receives them from.
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';

async function rowsReadFor(path: string) {
  const instrumented = instrumentedDb(env.DB);
  const response = await createApp().fetch(
    new Request(`https://masar.test${path}`),
    { ...env, DB: instrumented.binding },
    createExecutionContext(),
  );
  expect(response.status).toBe(200);
  await response.text();
  return instrumented.rowsRead();
}

let grown: string[] = [];
afterAll(async () => {
  await shrinkDirectory(env.DB, grown);
});

it('one service reads the same rows, through the API and its page, with 600 more services around it', async () => {
  // A listing that passes cases on, so the referral links' queries are part of what is measured.
  const linked = await env.DB.prepare(
    'SELECT from_service_id AS id FROM service_referral_links ' +
      "JOIN services s ON s.id = from_service_id AND s.status = 'published' LIMIT 1",
  ).first<{ id: string }>();
  expect(linked).not.toBeNull();
  const paths = [`/api/v1/services/${linked!.id}?lang=ar`, `/s/${linked!.id}?lang=ar`];
  const before = await Promise.all(paths.map(rowsReadFor));
  grown = await growDirectory(env.DB, 600);
  const after = await Promise.all(paths.map(rowsReadFor));
  expect(after).toEqual(before);
}, 120_000);
