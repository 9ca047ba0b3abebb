/**
 * Maintainer console test support: the people the tests need, made through the real flows. The
 * first admin comes from `npm run admin:create` run against this run's local D1, then accepts the
 * invitation, signs in and enrols TOTP
 * through the API like anyone else. TOTP codes are computed here (RFC 6238, as authenticator apps
 * do), independently of the server's module.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { baseURL } from './browser.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' };
export const PASSWORD = 'a long enough console password';

/**
 * The state directory of the `wrangler dev` that global-setup.ts started for this run: found by
 * its port among this machine's processes (global-setup provides only the URL).
 */
export function stateDirectory(): string {
  const port = new URL(baseURL()).port;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let args: string[];
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const at = args.indexOf('--persist-to');
    if (at > 0 && args.includes('dev') && args[args.indexOf('--port') + 1] === port) return args[at + 1]!;
  }
  throw new Error(`no wrangler dev on port ${port}`);
}

/** The first admin's invitation, written into this run's D1 by `npm run admin:create` itself; its one-time token. */
export function createAdminInvitation(email: string): string {
  const printed = execFileSync(
    process.execPath,
    ['db/seed/create-admin.mjs', '--email', email, '--persist-to', stateDirectory(), '--origin', baseURL()],
    { cwd: root, env, encoding: 'utf8' },
  );
  return /#invitation=([A-Za-z0-9_-]+)/.exec(printed)![1]!;
}

/** RFC 4648 base32 → bytes. */
function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/=+$/, '')) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP with SHA-1, 6 digits (RFC 6238 counts 30-second steps). */
function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String(mac.readUInt32BE(offset) & 0x7fffffff)
    .slice(-6)
    .padStart(6, '0');
}
const totpStep = (at: Date) => Math.floor(at.getTime() / 30_000);

const lastStep = new Map<string, number>();
/** A TOTP code for a time step this secret has not used (the server refuses replays). */
export async function totp(secret: string): Promise<string> {
  for (;;) {
    const now = totpStep(new Date());
    const step = Math.max(now - 1, (lastStep.get(secret) ?? -Infinity) + 1);
    if (step <= now + 1) {
      lastStep.set(secret, step);
      return hotp(base32Decode(secret), step);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The admin API from Node, as the console uses it: cookie, CSRF token, same Origin, If-Match. */
export class ApiClient {
  cookie = '';
  csrf = '';

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    version?: number,
  ): Promise<{ status: number; body: T; version: number | null }> {
    const headers: Record<string, string> = { Origin: baseURL(), Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.cookie) headers.Cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['X-CSRF-Token'] = this.csrf;
    if (version !== undefined) headers['If-Match'] = `"${version}"`;
    const response = await fetch(`${baseURL()}${path.startsWith('/api/') ? path : `/api/v1/admin${path}`}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const cookie = /__Host-masar_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '');
    if (cookie) this.cookie = cookie[0];
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : null;
    if (parsed?.csrf_token) this.csrf = parsed.csrf_token;
    const etag = /"(\d+)"/.exec(response.headers.get('etag') ?? '');
    return { status: response.status, body: parsed, version: etag ? Number(etag[1]) : null };
  }

  async ok<T = any>(method: string, path: string, body?: unknown, version?: number) {
    const answer = await this.call<T>(method, path, body, version);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  }
}

export interface Person {
  email: string;
  password: string;
  totpSecret: string | null;
  api: ApiClient;
}

/** The first administrator, through admin:create's SQL, the invitation, sign-in and TOTP enrolment. */
export async function firstAdmin(): Promise<Person> {
  const email = `admin-${Date.now()}@example.org`;
  const token = createAdminInvitation(email);
  const api = new ApiClient();
  await api.ok('POST', '/invitations/accept', { token, display_name: 'First admin', password: PASSWORD });
  await api.ok('POST', '/session', { email, password: PASSWORD });
  const { body } = await api.ok<{ secret: string }>('POST', '/session/totp');
  await api.ok('POST', '/session/totp/confirm', { code: await totp(body.secret) });
  return { email, password: PASSWORD, totpSecret: body.secret, api };
}

/** An invitation from `by`; returns the one-time token. */
export async function invite(
  by: Person,
  role: string,
  scope: { area_pcodes?: string[]; organisation_id?: string },
  email: string,
): Promise<string> {
  const { body } = await by.api.ok<{ token: string; link: string }>('POST', '/invitations', {
    email,
    role,
    area_pcodes: scope.area_pcodes ?? [],
    organisation_id: scope.organisation_id ?? null,
  });
  return body.token;
}

/**
 * A person invited and signed in through the API (for those a test is not about). A second
 * factor is enrolled whenever the API asks for one at sign-in (stage "enrol_totp"), whichever
 * roles that is, so the helper follows the API's rule rather than a list of roles.
 */
export async function invitedPerson(
  by: Person,
  role: string,
  scope: { area_pcodes?: string[]; organisation_id?: string },
): Promise<Person> {
  const email = `${role}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
  const token = await invite(by, role, scope, email);
  const api = new ApiClient();
  await api.ok('POST', '/invitations/accept', { token, display_name: `Test ${role}`, password: PASSWORD });
  const session = await api.ok<{ stage?: string }>('POST', '/session', { email, password: PASSWORD });
  let totpSecret: string | null = null;
  if (session.body?.stage === 'enrol_totp') {
    totpSecret = (await api.ok<{ secret: string }>('POST', '/session/totp')).body.secret;
    await api.ok('POST', '/session/totp/confirm', { code: await totp(totpSecret) });
  }
  return { email, password: PASSWORD, totpSecret, api };
}

/** A published listing whose English name contains `text`, as the admin sees it. */
export async function listingNamed(
  admin: Person,
  text: string,
): Promise<{ id: string; organisation_id: string; version: number }> {
  const { body } = await admin.api.ok<{
    items: Array<{
      id: string;
      organisation_id: string;
      status: string;
      version: number;
      names: Record<string, string>;
    }>;
  }>('GET', '/services?status=published');
  const found = body.items.find((s) => (s.names.en ?? '').includes(text));
  if (!found) throw new Error(`no listing named ${text}`);
  return found;
}

/** Signs in through the console's form, with the TOTP step when the account has one. */
export async function signInThroughConsole(
  page: import('playwright-core').Page,
  person: Person,
  lang = 'en',
  hash = '#/',
) {
  await page.goto(`${baseURL()}/maintainers/?lang=${lang}${hash}`);
  const form = page.locator('[data-role="sign-in"]');
  await form.locator('[name="email"]').fill(person.email);
  await form.locator('[name="password"]').fill(person.password);
  await form.locator('button[type="submit"]').click();
  if (person.totpSecret) {
    await form.locator('[name="totp_code"]').waitFor();
    await form.locator('[name="totp_code"]').fill(await totp(person.totpSecret));
    await form.locator('button[type="submit"]').click();
  }
  await page.locator('[data-role="sign-out"]').waitFor();
}

/** Every screen of a coordinator's console: its name, its address and what shows it is ready. */
export const CONSOLE_SCREENS = (id: string): Array<[name: string, hash: string, ready: string]> => [
  ['queue', '#/', '[data-role="queue-drafts"]'],
  ['listings', '#/services', '.console-table'],
  ['details', `#/s/${id}`, '[data-role="listing-form"]'],
  ['hours', `#/s/${id}/hours`, '[data-role="closure-form"]'],
  ['places', `#/s/${id}/places`, '[data-role="place-form"]'],
  ['translations', `#/s/${id}/translations`, '.translation-row'],
  ['verify', `#/s/${id}/verify`, '[data-role="verification-form"]'],
  ['history', `#/s/${id}/history`, '.listing h2'],
  ['reports', '#/reports', '[data-role="report"]'],
  ['quality', '#/quality', '[data-role="gap-table"] table'],
  ['pathways', '#/pathways', '[data-role="pathways"]'],
  ['import', '#/import', '[data-role="import-form"]'],
  ['referral', '#/referral', '[data-role="referral-screen"]'],
];

export async function openConsoleScreen(
  page: import('playwright-core').Page,
  lang: string,
  hash: string,
  ready: string,
) {
  await page.goto(`${baseURL()}/maintainers/?lang=${lang}${hash}`);
  await page.locator(ready).first().waitFor();
}
