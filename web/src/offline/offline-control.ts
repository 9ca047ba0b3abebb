/**
 * "Save this governorate for use without internet" and "Delete saved data". Nothing is stored in
 * the browser until a person presses save: only then is the service worker registered and the
 * governorate's pack (its addresses come from /api/v1/areas/{pcode}/offline-pack) downloaded into
 * its cache, with progress shown; a save that does not finish keeps nothing. Delete unregisters the
 * worker and removes every cache in one tap. Looking at the state (getRegistration, caches.match)
 * stores nothing.
 *
 * A page the worker answered from the pack carries `data-saved-copy`: it then says, at its top, that
 * it is a saved copy, as of when and until when, and once the pack has expired that it may be out of
 * date.
 */
import { formatDate } from '../i18n/format.ts';
import { isUiLanguage, type UiLanguage } from '../i18n/languages.ts';
import { fill } from '../i18n/placeholders.ts';

const META = '/__offline/meta';

/** What the worker keeps beside the pack (web/src/offline/sw.ts adds `urls` and `bytes`). */
export interface PackMeta {
  pcode: string;
  area: string;
  lang: UiLanguage;
  /** The governorate's page, to open the saved pages from anywhere. */
  page: string;
  offlinePage: string;
  dataAsOf: string;
  expiresAt: string;
  urls?: number;
  bytes?: number;
}

interface OfflinePackAnswer {
  area: { pcode: string; name: { text: string } | null };
  lang: UiLanguage;
  data_as_of: string;
  expires_at: string;
  offline_page: string;
  urls: string[];
}

type WorkerReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; ok: boolean; error?: string; saved?: number; bytes?: number };

export class OfflineControl {
  private readonly lang: UiLanguage;
  private readonly timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  private readonly status: HTMLElement;
  private readonly progress: HTMLProgressElement;
  /** Only on a page that offers a governorate. */
  private readonly saveButton: HTMLButtonElement | null;
  private readonly deleteButton: HTMLButtonElement;
  private readonly openSaved: HTMLAnchorElement;

  constructor(private readonly container: HTMLElement) {
    const lang = document.documentElement.lang;
    this.lang = isUiLanguage(lang) ? lang : 'ar';
    this.status = container.querySelector('[data-role="status"]')!;
    this.progress = container.querySelector('[data-role="progress"]')!;
    this.saveButton = container.querySelector('[data-role="save"]');
    this.deleteButton = container.querySelector('[data-role="delete"]')!;
    this.openSaved = container.querySelector('[data-role="open-saved"]')!;
  }

  async install() {
    if (!('serviceWorker' in navigator) || !('caches' in window)) return;
    const canSave = Boolean(this.container.dataset.packArea && this.saveButton);
    this.saveButton?.addEventListener('click', () => void this.save());
    this.deleteButton.addEventListener('click', () => void this.delete());
    const registration = await navigator.serviceWorker.getRegistration('/');
    const meta = registration ? await savedMeta() : null;
    if (meta && document.documentElement.dataset.savedCopy) this.showCopyNotice(meta);
    if (!canSave && !registration) return; // nothing saved, nothing to offer here
    this.container.hidden = false;
    this.showSaved(meta, Boolean(registration));
  }

  async save() {
    const messages = this.container.dataset;
    this.saveButton!.disabled = true;
    this.deleteButton.disabled = true;
    this.status.textContent = messages.msgSaving ?? '';
    try {
      const response = await fetch(`/api/v1/areas/${messages.packArea}/offline-pack?lang=${this.lang}`, {
        headers: { Accept: 'application/json' },
        credentials: 'omit',
      });
      if (!response.ok) throw new Error(`offline pack: HTTP ${response.status}`);
      const pack = (await response.json()) as OfflinePackAnswer;
      const meta: PackMeta = {
        pcode: pack.area.pcode,
        area: pack.area.name?.text ?? pack.area.pcode,
        lang: pack.lang,
        page: pack.urls[0]!,
        offlinePage: pack.offline_page,
        dataAsOf: pack.data_as_of,
        expiresAt: pack.expires_at,
      };
      await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      const registration = await navigator.serviceWorker.ready;
      this.progress.max = pack.urls.length;
      this.progress.value = 0;
      this.progress.hidden = false;
      const reply = await ask(registration.active!, { type: 'save', urls: pack.urls, meta }, (done, total) => {
        this.progress.value = done;
        this.status.textContent = fill(messages.msgProgress ?? '', { done: String(done), total: String(total) });
      });
      if (!reply.ok) throw new Error(reply.error);
      this.showSaved({ ...meta, urls: reply.saved, bytes: reply.bytes }, true);
    } catch (error) {
      console.warn('offline saving failed', error);
      // The worker deleted what it had saved of this pack; an earlier complete pack, if any, stays.
      this.status.textContent = messages.msgFailed ?? '';
      const registration = await navigator.serviceWorker.getRegistration('/');
      this.deleteButton.hidden = !registration;
    } finally {
      this.progress.hidden = true;
      this.saveButton!.disabled = false;
      this.deleteButton.disabled = false;
    }
  }

  async delete() {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
    for (const key of await caches.keys()) await caches.delete(key);
    this.deleteButton.hidden = true;
    this.openSaved.hidden = true;
    this.status.textContent = this.container.dataset.msgDeleted ?? '';
  }

  private date(instant: string): string {
    return formatDate(instant, this.lang, this.timeZone);
  }

  private showSaved(meta: PackMeta | null, registered: boolean) {
    this.deleteButton.hidden = !registered;
    this.openSaved.hidden = !meta;
    if (!meta) {
      this.status.textContent = '';
      return;
    }
    const messages = this.container.dataset;
    const saved = fill(messages.msgSaved ?? '', { area: meta.area, date: this.date(meta.dataAsOf) });
    const until = fill((isExpired(meta) ? messages.msgExpiredOn : messages.msgUseUntil) ?? '', {
      date: this.date(meta.expiresAt),
    });
    this.status.textContent = `${saved} ${until}`;
    this.openSaved.href = meta.page;
    this.openSaved.textContent = fill(messages.msgOpenSaved ?? '', { area: meta.area });
  }

  /** At the top of a page answered from the pack: a saved copy, as of when; past its expiry, may be out of date. */
  private showCopyNotice(meta: PackMeta) {
    const messages = this.container.dataset;
    const expired = isExpired(meta);
    const notice = document.createElement('p');
    notice.className = expired ? 'saved-copy-notice saved-copy-notice--expired' : 'saved-copy-notice';
    notice.dataset.role = 'saved-copy-notice';
    notice.setAttribute('role', 'status');
    notice.textContent = fill((expired ? messages.msgCopyExpired : messages.msgCopy) ?? '', {
      date: this.date(meta.dataAsOf),
      expiry: this.date(meta.expiresAt),
    });
    document.getElementById('main')?.prepend(notice);
  }
}

const isExpired = (meta: PackMeta) => Date.now() >= new Date(meta.expiresAt).getTime();

async function savedMeta(): Promise<PackMeta | null> {
  const response = await caches.match(META);
  return response ? ((await response.json()) as PackMeta) : null;
}

function ask(
  worker: ServiceWorker,
  message: unknown,
  onProgress: (done: number, total: number) => void,
): Promise<{ ok: boolean; error?: string; saved?: number; bytes?: number }> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => {
      const reply = event.data as WorkerReply;
      if (reply.type === 'progress') onProgress(reply.done, reply.total);
      else resolve(reply);
    };
    worker.postMessage(message, [channel.port2]);
  });
}
