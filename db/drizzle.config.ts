import { defineConfig } from 'drizzle-kit';

// Migrations are generated here and applied by `wrangler d1 migrations apply` (wrangler.toml's
// migrations_dir points at the same folder).
export default defineConfig({
  dialect: 'sqlite',
  // The directory (schema.ts) and the maintainers' tables (maintainer-schema.ts).
  schema: ['./db/schema.ts', './db/maintainer-schema.ts'],
  out: './db/migrations',
});
