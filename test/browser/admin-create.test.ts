/**
 * `npm run admin:create`, the first step of a deployment, run for real against this run's local
 * D1 (the one `wrangler dev` serves, see global-setup.ts): it must print a link that works, and
 * running it again must not leave earlier links behind. Runs in Node; no browser needed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baseURL } from './support/browser.ts';
import { stateDirectory } from './support/console.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' };

function adminCreate(email: string) {
  return spawnSync(
    'npm',
    [
      'run',
      '--silent',
      'admin:create',
      '--',
      '--email',
      email,
      '--persist-to',
      stateDirectory(),
      '--origin',
      baseURL(),
    ],
    { cwd: root, env, encoding: 'utf8' },
  );
}

function invitationsFor(email: string): number {
  const output = execFileSync(
    'npm',
    [
      'exec',
      '--',
      'wrangler',
      'd1',
      'execute',
      'DB',
      '--local',
      '--persist-to',
      stateDirectory(),
      '--json',
      '--command',
      `SELECT count(*) AS n FROM invitations WHERE email = '${email}'`,
    ],
    { cwd: root, env, encoding: 'utf8' },
  );
  return JSON.parse(output.slice(output.indexOf('[')))[0].results[0].n;
}

const accept = (token: string) =>
  fetch(`${baseURL()}/api/v1/admin/invitations/accept`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseURL() },
    body: JSON.stringify({ token, display_name: 'First admin', password: 'a long enough first password' }),
  });

const linkIn = (stdout: string) =>
  new RegExp(`${baseURL()}/maintainers/#invitation=([A-Za-z0-9_-]{43})`).exec(stdout)?.[1];

describe('npm run admin:create', () => {
  it('prints a working link and exits 0; a retry replaces the earlier link; once the account exists it writes nothing and exits 1', async () => {
    const email = `first-admin-${Date.now()}@example.org`;
    const first = adminCreate(email);
    expect(first.status, first.stderr).toBe(0);
    const firstToken = linkIn(first.stdout);
    expect(firstToken, first.stdout).toBeDefined();

    const retry = adminCreate(email);
    expect(retry.status, retry.stderr).toBe(0);
    const retryToken = linkIn(retry.stdout)!;
    expect(retryToken).not.toBe(firstToken);
    expect(invitationsFor(email)).toBe(1);

    expect((await accept(firstToken!)).status).toBe(410);
    const accepted = await accept(retryToken);
    expect(accepted.status, await accepted.clone().text()).toBe(201);
    expect((await accepted.json()).user).toMatchObject({ email, role: 'admin' });

    const again = adminCreate(email);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already has an account');
    expect(linkIn(again.stdout)).toBeUndefined();
    expect(invitationsFor(email)).toBe(1);
  }, 300_000);
});
