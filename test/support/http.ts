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

/**
 * The target of the link with relation `rel` in a response's `Link` header (RFC 8288), or null. A
 * feed's response links its next page and its licence in one header, so a test finds its link by
 * relation, never by the header's first or only value. Our own header's form alone: `<target>;
 * rel="…"` separated by commas.
 */
export function linkTo(headers: Headers, rel: string): URL | null {
  for (const link of (headers.get('Link') ?? '').split(/,\s*(?=<)/)) {
    const found = /^<([^>]*)>;\s*rel="([^"]*)"$/.exec(link.trim());
    if (found && found[2]!.split(/\s+/).includes(rel)) return new URL(found[1]!);
  }
  return null;
}

/** A link's target as a path and query, to request again. */
export const pathOf = (url: URL) => `${url.pathname}${url.search}`;

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
