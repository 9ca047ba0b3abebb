/**
 * Maintainer test helpers: accounts written straight into D1 (hashing once per file, so tests
 * that are not about signing in stay fast) and signed-in clients that talk to the real Worker
 * through exports.default.fetch with their cookie, Origin and CSRF token, as the console will.
 */
import { env, exports } from 'cloudflare:workers';
import type { Role } from '../../api/domain/vocabulary.ts';
import { hashPassword } from '../../api/admin/auth/secrets.ts';
import { base32Decode, hotp, newTotpSecret, totpStep } from '../../api/admin/auth/totp.ts';

export const ORIGIN = 'https://masar.test';
export const PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;

export interface Response<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function send<T = any>(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  // A form (a file upload) sets its own multipart Content-Type with the boundary.
  const form = options.body instanceof FormData ? options.body : null;
  if (options.body !== undefined && !form) headers['Content-Type'] ??= 'application/json';
  const response = await exports.default.fetch(`${ORIGIN}${path}`, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : (form ?? (typeof options.body === 'string' ? options.body : JSON.stringify(options.body))),
    redirect: 'manual',
  });
  const text = await response.text();
  const type = response.headers.get('Content-Type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    body: (/json/.test(type) && text ? JSON.parse(text) : text) as T,
    text,
  };
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  totpSecret: string | null;
}

let counter = 0;
export async function createUser(
  role: Role,
  scope: { areas?: string[]; organisationId?: string; totp?: boolean; password?: string } = {},
): Promise<TestUser> {
  const id = crypto.randomUUID();
  const email = `${role}-${++counter}-${id.slice(0, 8)}@example.org`;
  // Every role has a second factor (it reads restricted data); `totp: false` makes one still to enrol.
  const totpSecret = (scope.totp ?? true) ? newTotpSecret() : null;
  const hash = scope.password ? await hashPassword(scope.password) : await (passwordHash ??= hashPassword(PASSWORD));
  await env.DB.prepare(
    'INSERT INTO users (id, email, display_name, role, area_pcodes, organisation_id, password_hash, totp_secret) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
    .bind(
      id,
      email,
      `Test ${role} ${counter}`,
      role,
      JSON.stringify(scope.areas ?? []),
      scope.organisationId ?? null,
      hash,
      totpSecret,
    )
    .run();
  return { id, email, role, totpSecret };
}

const usedSteps = new Map<string, number>();
/** A TOTP code for a step not used yet (the server refuses a replayed step). */
export async function freshCode(secret: string, at = new Date()): Promise<string> {
  const now = totpStep(at);
  const step = Math.max(now, (usedSteps.get(secret) ?? -Infinity) + 1);
  if (step > now + 1) throw new Error('no fresh TOTP step left in this window');
  usedSteps.set(secret, step);
  return hotp(base32Decode(secret), step);
}

export class Client {
  constructor(
    readonly user: TestUser | null,
    readonly cookie: string | null,
    public csrf: string | null,
    readonly bearer: string | null = null,
  ) {}

  request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin', ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['X-CSRF-Token'] ??= this.csrf;
    if (this.bearer) h.Authorization = `Bearer ${this.bearer}`;
    // An empty value means "do not send this header at all".
    for (const [name, value] of Object.entries(h)) if (value === '') delete h[name];
    return send<T>(method, `/api/v1/admin${path}`, { body, headers: h });
  }
  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  patch<T = any>(path: string, body: unknown, version: number | string, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body, { 'If-Match': `"${version}"`, ...headers });
  }
  put<T = any>(path: string, body: unknown, version?: number | string, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body, {
      ...(version === undefined ? {} : { 'If-Match': `"${version}"` }),
      ...headers,
    });
  }
  delete<T = any>(path: string, version?: number | string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, {
      ...(version === undefined ? {} : { 'If-Match': `"${version}"` }),
      ...headers,
    });
  }
}

export function sessionCookie(response: Response): string | null {
  const header = response.headers.get('Set-Cookie') ?? '';
  const match = /__Host-masar_session=([^;]*)/.exec(header);
  return match?.[1] ? `__Host-masar_session=${match[1]}` : null;
}

export async function signIn(user: TestUser, password = PASSWORD): Promise<Client> {
  const body: Record<string, string> = { email: user.email, password };
  if (user.totpSecret) body.totp_code = await freshCode(user.totpSecret);
  const response = await send('POST', '/api/v1/admin/session', { body, headers: { Origin: ORIGIN } });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${response.text}`);
  return new Client(user, sessionCookie(response), response.body.csrf_token);
}

/** A new account of that role and scope, signed in. */
export async function signedIn(role: Role, scope: Parameters<typeof createUser>[1] = {}): Promise<Client> {
  return signIn(await createUser(role, scope));
}

export async function one<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T> {
  return (await env.DB.prepare(sql)
    .bind(...params)
    .first<T>())!;
}

export async function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;
}

/** A file sent to the import API as the console sends it (multipart, same origin, CSRF token). */
export async function uploadImport(
  client: Client,
  name: string,
  content: string | Uint8Array,
  fields: Record<string, string> = {},
  path = '/api/v1/admin/imports',
): Promise<{ status: number; body: any; headers: Headers }> {
  const form = new FormData();
  form.set('file', new File([content], name));
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const headers: Record<string, string> = { Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin' };
  if (client.cookie) headers.Cookie = client.cookie;
  if (client.csrf) headers['X-CSRF-Token'] = client.csrf;
  const response = await exports.default.fetch(`${ORIGIN}${path}`, {
    method: 'POST',
    headers,
    body: form,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}
