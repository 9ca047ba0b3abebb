/**
 * The offline service worker (S4, C7). It exists only after a person chose "save this area": the
 * page registers it then, and "delete saved data" unregisters it and empties its cache. It keeps
 * the app shell and the saved area's pages and map data, and answers from them only when the
 * network fails (or hangs), so online use always shows current data.
 *
 * Self-contained on purpose (no imports): it is built to /sw.js as one classic script.
 */
const CACHE = 'saved-area';
const META = '/__offline/meta';
/** On a poor connection, a saved copy after this long beats waiting. */
const NETWORK_TIMEOUT_MS = 6000;

interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface MessageEventLike extends ExtendableEventLike {
  data: { type?: string; urls?: string[]; meta?: unknown };
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
    save(event.data.urls ?? [], event.data.meta).then(
      (saved) => reply?.postMessage({ ok: true, saved }),
      (error: Error) => reply?.postMessage({ ok: false, error: String(error?.message ?? error) }),
    ),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== worker.location.origin) return;
  event.respondWith(networkFirst(request));
});

/** Replaces whatever was saved before with these URLs; the first one (the area page) must succeed. */
async function save(urls: string[], meta: unknown): Promise<number> {
  await caches.delete(CACHE);
  const cache = await caches.open(CACHE);
  let saved = 0;
  for (const [i, url] of urls.entries()) {
    const response = await fetch(url, { cache: 'no-store', credentials: 'omit' }).catch(() => null);
    if (response?.ok) {
      await cache.put(url, response);
      saved++;
    } else if (i === 0) {
      throw new Error(`could not save ${url}`);
    }
  }
  await cache.put(META, new Response(JSON.stringify(meta), { headers: { 'Content-Type': 'application/json' } }));
  return saved;
}

async function networkFirst(request: Request): Promise<Response> {
  try {
    return await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
  } catch (error) {
    const saved = await caches.match(request, { ignoreVary: true });
    if (saved) return saved;
    throw error;
  }
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
