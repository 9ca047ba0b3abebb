/**
 * The admin JSON API, as the console uses it: the session cookie (HttpOnly, set only by
 * /api/v1/admin/session), the CSRF token on every write, ETag → If-Match, problem+json errors.
 */
import type { Problem as ApiProblem } from '../../../api/errors.ts';

/** The API's problem, as read back: any member may be missing when the answer was not problem+json. */
export type Problem = Partial<ApiProblem> & { status: number };

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status() {
    return this.problem.status;
  }
}

export interface Answer<T> {
  status: number;
  data: T;
  version: number | null;
}

export const ADMIN_API = '/api/v1/admin';

export class AdminApi {
  csrf: string | null = null;

  async request<T>(
    method: string,
    path: string,
    options: { body?: unknown; version?: number | null } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    // A form (a file upload) sets its own multipart Content-Type with its boundary.
    const form = options.body instanceof FormData;
    if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrf) headers['X-CSRF-Token'] = this.csrf;
    if (options.version !== undefined && options.version !== null) headers['If-Match'] = `"${options.version}"`;
    const response = await fetch(path.startsWith('/api/') ? path : `${ADMIN_API}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: options.body === undefined ? undefined : form ? (options.body as FormData) : JSON.stringify(options.body),
    });
    const text = await response.text();
    const data = text ? (JSON.parse(text) as unknown) : null;
    if (!response.ok) throw new ApiError({ ...(data as object), status: response.status } as Problem);
    const etag = /"(\d+)"/.exec(response.headers.get('ETag') ?? '');
    return { status: response.status, data: data as T, version: etag ? Number(etag[1]) : null };
  }

  get<T>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T>(path: string, body: unknown = {}, version?: number | null) {
    return this.request<T>('POST', path, { body, version });
  }
  patch<T>(path: string, body: unknown, version: number) {
    return this.request<T>('PATCH', path, { body, version });
  }
  put<T>(path: string, body: unknown, version: number) {
    return this.request<T>('PUT', path, { body, version });
  }
  delete<T>(path: string, version?: number) {
    return this.request<T>('DELETE', path, { version });
  }
}
