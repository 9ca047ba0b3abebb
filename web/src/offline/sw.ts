/**
 * The offline service worker. It exists only after a person chose to save a governorate: the page
 * registers it then, and "delete saved data" unregisters it and empties its caches. It keeps the
 * pack's pages, map data and files (the list comes from /api/v1/areas/{pcode}/offline-pack), and
 * answers from them only when the network fails (or hangs), so online use always shows current data.
 *
 * A page answered from the pack is marked (`<html data-saved-copy>`), so the page script says it is a
 * saved copy, as of when, and plainly that it may be out of date once the pack has expired. An
 * address that was not saved gets the pack's "not saved" page, with the quick exit.
 *
 * Self-contained on purpose (no imports): it is built to /sw.js as one classic script.
 */
const PACK_PREFIX = 'masar-pack-';
const META = '/__offline/meta';
/** On a poor connection, a saved copy after this long beats waiting. */
/** How long one address of a pack may take to arrive before the save counts it as failed. */
const DOWNLOAD_TIMEOUT_MS = 30_000;
const NETWORK_TIMEOUT_MS = 6000;
/** Downloads side by side while saving: enough to be quick, few enough for a weak connection. */
const PARALLEL = 4;
/** Each address is tried this many times before the whole save is given up. */
const ATTEMPTS = 2;

interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface PackMeta {
  offlinePage?: string;
  lang?: string;
  [key: string]: unknown;
}
interface MessageEventLike extends ExtendableEventLike {
  data: { type?: string; urls?: string[]; meta?: PackMeta };
  ports: MessagePort[];
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
}

const worker = self as unknown as WorkerScope;

worker.addEventListener('install', (event) => event.waitUntil(worker.skipWaiting()));
worker.addEventListener('activate', (event) => event.waitUntil(worker.clients.claim()));

worker.addEventListener('message', (event) => {
  if (event.data?.type !== 'save') return;
  const reply = event.ports[0];
  event.waitUntil(
    save(event.data.urls ?? [], event.data.meta ?? {}, (done, total) =>
      reply?.postMessage({ type: 'progress', done, total }),
    ).then(
      (result) => reply?.postMessage({ type: 'done', ok: true, ...result }),
      (error: Error) => reply?.postMessage({ type: 'done', ok: false, error: String(error?.message ?? error) }),
    ),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== worker.location.origin) return;
  event.respondWith(networkFirst(request));
});

/**
 * Saves every address into a new cache, all or nothing: if one cannot be fetched (after a retry),
 * the new cache is deleted and a pack saved earlier stays as it was. Only a complete pack replaces
 * the earlier one.
 */
async function save(
  urls: string[],
  meta: PackMeta,
  progress: (done: number, total: number) => void,
): Promise<{ saved: number; bytes: number }> {
  const name = `${PACK_PREFIX}${Date.now()}`;
  const cache = await caches.open(name);
  let done = 0;
  let bytes = 0;
  const queue = [...new Set(urls)];
  const total = queue.length;
  const next = async (): Promise<void> => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      const body = await download(url);
      bytes += body.size;
      await cache.put(url, body.response);
      progress(++done, total);
    }
  };
  const workers = Array.from({ length: PARALLEL }, next);
  try {
    await Promise.all(workers);
    const saved = { ...meta, urls: total, bytes };
    await cache.put(META, new Response(JSON.stringify(saved), { headers: { 'Content-Type': 'application/json' } }));
  } catch (error) {
    queue.length = 0;
    // The other downloads still write into this cache: let them end before it is deleted.
    await Promise.allSettled(workers);
    await caches.delete(name);
    throw error;
  }
  for (const key of await caches.keys()) if (key !== name) await caches.delete(key);
  return { saved: total, bytes };
}

async function download(url: string): Promise<{ response: Response; size: number }> {
  let failure = '';
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    // A request that hangs counts as failed: a save must end, kept whole or not kept, never stall.
    const response = await withTimeout(
      fetch(url, { cache: 'no-store', credentials: 'omit' }),
      DOWNLOAD_TIMEOUT_MS,
    ).catch((e: Error) => {
      failure = e.message;
      return null;
    });
    if (response?.ok) {
      const body = await response.blob();
      const headers = new Headers(response.headers);
      return { response: new Response(body, { status: 200, headers }), size: body.size };
    }
    if (response) failure = `HTTP ${response.status}`;
  }
  throw new Error(`could not save ${url}: ${failure}`);
}

async function networkFirst(request: Request): Promise<Response> {
  try {
    return await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
  } catch (error) {
    const saved = await fromPack(request);
    if (saved) return saved;
    throw error;
  }
}

/** The saved answer for a request, a page marked as a saved copy, or the "not saved" page. */
async function fromPack(request: Request): Promise<Response | undefined> {
  const url = new URL(request.url);
  const navigation = request.mode === 'navigate' || request.destination === 'document';
  let saved = await caches.match(url.href, { ignoreVary: true });
  // A service page is saved once; it is reached from many area pages, each adding its own `a`.
  if (!saved && url.pathname.startsWith('/s/') && url.searchParams.has('a')) {
    const plain = new URL(url.href);
    plain.searchParams.delete('a');
    saved = await caches.match(plain.href, { ignoreVary: true });
  }
  if (!saved && navigation) saved = await notSavedPage(url);
  if (!saved) return undefined;
  return navigation && (saved.headers.get('Content-Type') ?? '').includes('text/html') ? marked(saved) : saved;
}

/** The pack's "not saved" page, in the language the address asks for, else the pack's. */
async function notSavedPage(url: URL): Promise<Response | undefined> {
  const metaResponse = await caches.match(META);
  if (!metaResponse) return undefined;
  const meta = (await metaResponse.json()) as PackMeta;
  const lang = url.searchParams.get('lang');
  const inLanguage = lang ? await caches.match(`/offline?lang=${encodeURIComponent(lang)}`) : undefined;
  return inLanguage ?? (meta.offlinePage ? await caches.match(meta.offlinePage) : undefined);
}

async function marked(response: Response): Promise<Response> {
  const html = (await response.text()).replace(/<html(\s|>)/, '<html data-saved-copy="true"$1');
  return new Response(html, { status: response.status, headers: response.headers });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
