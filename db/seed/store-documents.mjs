// Stores the public document of every published service of the local D1 (run by load-local.mjs
// after the seed's SQL). The seed is SQL statements and cannot run the public read model's
// queries, so its documents are made here by the one builder every edit, import and the scheduled
// job use (api/admin/edit/listing-index.ts `refreshDocuments`), on wrangler's local D1 through
// getPlatformProxy, as db/import.mjs runs the import pipeline. The tests do the same after seeding
// (test/setup/apply-migrations.ts).
//
// `--persist-to <dir>`: the state directory load-local.mjs seeded.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getPlatformProxy } from 'wrangler';
import { database } from '../client.ts';
import { refreshDocuments, servicesWithoutDocument } from '../../api/admin/edit/listing-index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Services whose documents go to the local D1 in one batch. */
const LOCAL_BATCH = 100;
const persistFlag = process.argv.indexOf('--persist-to');
const persistTo = persistFlag >= 0 ? resolve(process.argv[persistFlag + 1] ?? '') : null;

const proxy = await getPlatformProxy({
  configPath: `${root}wrangler.toml`,
  persist: persistTo ? { path: `${persistTo}/v3` } : true,
});
try {
  const db = database(proxy.env.DB);
  let stored = 0;
  for (;;) {
    const missing = await servicesWithoutDocument(db, 1000);
    if (!missing.length) break;
    // A hundred documents a batch: wrangler's local proxy drops the connection on a batch of five
    // hundred full documents (about 1.2 MB), as the 10,000-service bench directory has.
    let added = 0;
    for (let i = 0; i < missing.length; i += LOCAL_BATCH) {
      added += await refreshDocuments(db, missing.slice(i, i + LOCAL_BATCH));
    }
    stored += added;
    // Nothing stored means something else is writing to this database now: stop rather than spin.
    if (!added) break;
  }
  console.log(`Stored ${stored} public service documents.`);
} finally {
  await proxy.dispose();
}
