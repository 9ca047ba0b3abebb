import { exports } from 'cloudflare:workers';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A request through the real Worker (exports.default.fetch), as a client would send it. */
export async function get<T = any>(path: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
  // Redirects are the client's business: return them as they are.
  const response = await exports.default.fetch(`https://masar.test${path}`, { headers, redirect: 'manual' });
  const text = await response.text();
  const type = response.headers.get('Content-Type') ?? '';
  const body = /json/.test(type) && text ? JSON.parse(text) : (text as unknown);
  return { status: response.status, headers: response.headers, body: body as T, text };
}

/** Every item of a listing, following next_cursor to the end. */
export async function allPages<T = any>(path: string, limit = 5): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 200; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response: ApiResponse = await get(url);
    if (response.status !== 200) throw new Error(`${url} → ${response.status} ${response.text}`);
    items.push(...response.body.items);
    cursor = response.body.next_cursor;
    if (!cursor) return items;
  }
  throw new Error('pagination did not end');
}
