import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { database } from '../../db/client.ts';
import { refreshDocuments, servicesWithoutDocument } from '../../api/admin/edit/listing-index.ts';

// Setup files may run more than once: migrations apply only once, and the seed only into an
// empty directory.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const seeded = await env.DB.prepare('SELECT count(*) AS n FROM areas').first<{ n: number }>();
if (!seeded?.n) {
  const statements = env.TEST_SEED.map((sql) => env.DB.prepare(sql));
  // D1 batches are transactions; chunk them so one batch stays well inside D1's limits.
  for (let i = 0; i < statements.length; i += 500) await env.DB.batch(statements.slice(i, i + 500));
  // The seed's public documents, by the one builder, as db/seed/load-local.mjs does after its SQL.
  const db = database(env.DB);
  await refreshDocuments(db, await servicesWithoutDocument(db, 100_000));
}
