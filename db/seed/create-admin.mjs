// `npm run admin:create -- --email person@example.org [--remote] [--origin https://masar.example.org]`
//
// Creates the first administrator. There is no default account and no default password: this
// writes a one-time invitation (role admin, valid 24 hours) into D1 through wrangler and prints
// its link. The person opens it (or POSTs the token to /api/v1/admin/invitations/accept), sets
// their own password, signs in, and must then enrol a TOTP second factor. Only the SHA-256 of the
// token is stored, as for every invitation.
//
// Options:
//   --email     the administrator's email (required)
//   --remote    write to the deployed D1 (default: the local one of `npm start` / `npm run dev`)
//   --origin    the site's origin for the printed link (default http://127.0.0.1:8787)
//   --persist-to the local state directory (as `wrangler dev --persist-to`), for a local D1 elsewhere
//   --print-sql print the SQL instead of running it (the token is still printed)
//
// Running it again for the same email replaces the earlier link (its invitation is deleted), so a
// retry leaves one valid invitation, never orphans. Once the email has an account it writes
// nothing and exits 1. Whether the invitation was written is read back by its id, not taken from
// wrangler's reported row count (which local D1 does not give).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { randomToken, sha256Hex } from '../../api/admin/auth/secrets.ts';
import { sqlValue } from './sql.mjs';

const TTL_MS = 24 * 60 * 60 * 1000;

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    remote: { type: 'boolean', default: false },
    origin: { type: 'string', default: 'http://127.0.0.1:8787' },
    'persist-to': { type: 'string' },
    'print-sql': { type: 'boolean', default: false },
  },
});

const email = (values.email ?? '').trim().toLowerCase();
if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
  console.error('Usage: npm run admin:create -- --email person@example.org [--remote] [--origin https://…]');
  process.exit(2);
}

const token = randomToken();
const now = new Date();
const row = {
  id: crypto.randomUUID(),
  token_hash: await sha256Hex(token),
  email,
  role: 'admin',
  area_pcodes: '[]',
  organisation_id: null,
  invited_by: 'cli:admin:create',
  created_at: now.toISOString(),
  expires_at: new Date(now.getTime() + TTL_MS).toISOString(),
};
const columns = Object.keys(row);
const noAccount = `NOT EXISTS (SELECT 1 FROM users WHERE email = ${sqlValue(email)})`;
// Both refuse (change nothing) when the email already has an account.
const sql = `DELETE FROM invitations
  WHERE email = ${sqlValue(email)} AND invited_by = ${sqlValue(row.invited_by)}
    AND accepted_at IS NULL AND ${noAccount};
INSERT INTO invitations (${columns.join(', ')})
  SELECT ${columns.map((c) => sqlValue(row[c])).join(', ')}
  WHERE ${noAccount};`;

if (values['print-sql']) {
  console.log(sql);
} else {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const where = [
    values.remote ? '--remote' : '--local',
    ...(values['persist-to'] ? ['--persist-to', resolve(values['persist-to'])] : []),
  ];
  const d1 = (command) => {
    const output = execFileSync(
      'npm',
      ['exec', '--', 'wrangler', 'd1', 'execute', 'DB', ...where, '--json', '--command', command],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' },
      },
    );
    return JSON.parse(output.slice(output.indexOf('[')));
  };
  d1(sql);
  const written = d1(`SELECT count(*) AS n FROM invitations WHERE id = ${sqlValue(row.id)};`).at(-1)?.results?.[0]?.n;
  if (written !== 1) {
    console.error(`No invitation written: ${email} already has an account.`);
    process.exit(1);
  }
}
const origin = values.origin.replace(/\/$/, '');
console.log(`Invitation for the administrator ${email}, valid until ${row.expires_at}:

  ${origin}/maintainers/#invitation=${token}

It works once: open it in a browser to set your name and password in the maintainer console, which
then asks you to enrol a TOTP second factor. Without a browser, the same through the API:

  curl -X POST ${origin}/api/v1/admin/invitations/accept -H 'Content-Type: application/json' -H 'Origin: ${origin}' \\
    -d '{"token":"${token}","display_name":"Your name","password":"at least 12 characters"}'`);
