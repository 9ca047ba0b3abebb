/**
 * "Save this area for use without internet" and "Delete saved data" (S4, C7). Nothing is stored
 * in the browser until a person presses save: only then is the service worker registered. Delete
 * unregisters it and removes every cache in one tap. Looking at the state (getRegistration,
 * caches.match) stores nothing.
 */
import { formatDate } from '../i18n/format.ts';
import { isUiLanguage, type UiLanguage } from '../i18n/languages.ts';
import { fill } from '../i18n/placeholders.ts';

const META = '/__offline/meta';
/** Stable names from web/vite.config.ts: the shell and the map chunk. */
const SHELL = ['/assets/main.js', '/assets/main.css', '/favicon.svg'];
const MAP_FILES = [
  '/assets/area-map.js',
  '/assets/area-map.css',
  '/assets/maplibre-gl-worker.mjs',
  '/assets/info.svg',
  '/api/v1/attribution',
];

interface SavedMeta {
  area: string;
  savedAt: string;
  page: string;
}

export class OfflineControl {
  private readonly lang: UiLanguage;
  private readonly status: HTMLElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly deleteButton: HTMLButtonElement;
  private readonly warning: HTMLElement;

  constructor(private readonly container: HTMLElement) {
    const lang = document.documentElement.lang;
    this.lang = isUiLanguage(lang) ? lang : 'ar';
    this.status = container.querySelector('[data-role="status"]')!;
    this.saveButton = container.querySelector('[data-role="save"]')!;
    this.deleteButton = container.querySelector('[data-role="delete"]')!;
    this.warning = container.querySelector('[data-role="warning"]')!;
  }

  async install() {
    if (!('serviceWorker' in navigator) || !('caches' in window)) return;
    const canSave = this.container.dataset.canSave === 'true';
    this.saveButton.addEventListener('click', () => void this.save());
    this.deleteButton.addEventListener('click', () => void this.delete());
    const registration = await navigator.serviceWorker.getRegistration('/');
    const meta = registration ? await this.savedMeta() : null;
    if (!canSave && !registration) return; // nothing saved, nothing to offer here
    this.container.hidden = false;
    this.saveButton.hidden = !canSave;
    this.warning.hidden = !canSave;
    this.showSaved(meta, Boolean(registration));
  }

  async save() {
    const messages = this.container.dataset;
    this.saveButton.disabled = true;
    this.status.textContent = messages.msgSaving ?? '';
    try {
      await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      const registration = await navigator.serviceWorker.ready;
      const meta: SavedMeta = {
        area: document.querySelector('h1')?.textContent?.trim() ?? '',
        savedAt: new Date().toISOString(),
        page: `${location.pathname}?lang=${this.lang}`,
      };
      const reply = await ask(registration.active!, { type: 'save', urls: this.urlsToSave(meta.page), meta });
      if (!reply.ok) throw new Error(reply.error);
      this.showSaved(meta, true);
    } catch (error) {
      console.warn('offline saving failed', error);
      this.status.textContent = messages.msgFailed ?? '';
    } finally {
      this.saveButton.disabled = false;
    }
  }

  async delete() {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
    for (const key of await caches.keys()) await caches.delete(key);
    this.deleteButton.hidden = true;
    this.status.textContent = this.container.dataset.msgDeleted ?? '';
  }

  /** The area page first (it must be saved), then the shell, its services and its map data. */
  private urlsToSave(areaPage: string): string[] {
    const lang = this.lang;
    const here = new URL(location.href);
    here.searchParams.delete('view');
    const services = [...document.querySelectorAll<HTMLAnchorElement>('#results a[href^="/s/"]')].map((a) =>
      a.getAttribute('href')!,
    );
    const mapView = document.getElementById('map-view')?.dataset;
    const results = document.getElementById('results')?.dataset;
    const urls = [
      areaPage,
      `${here.pathname}${here.search}`,
      ...SHELL,
      `/?lang=${lang}`,
      `/privacy?lang=${lang}`,
      `/guide?lang=${lang}`,
      `/about?lang=${lang}`,
      ...services,
      ...MAP_FILES,
      mapView?.boundariesUrl,
      results?.mapServices,
    ];
    return [...new Set(urls.filter((url): url is string => Boolean(url)))];
  }

  private async savedMeta(): Promise<SavedMeta | null> {
    const response = await caches.match(META);
    return response ? ((await response.json()) as SavedMeta) : null;
  }

  private showSaved(meta: SavedMeta | null, registered: boolean) {
    this.deleteButton.hidden = !registered;
    if (!meta) {
      this.status.textContent = '';
      return;
    }
    const date = formatDate(meta.savedAt, this.lang, Intl.DateTimeFormat().resolvedOptions().timeZone);
    this.status.textContent = fill(this.container.dataset.msgSaved ?? '', { area: meta.area, date });
  }
}

function ask(worker: ServiceWorker, message: unknown): Promise<{ ok: boolean; error?: string }> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data as { ok: boolean; error?: string });
    worker.postMessage(message, [channel.port2]);
  });
}
