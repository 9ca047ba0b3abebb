/** What every console screen is given: the API, the language, the signed-in person, feedback. */
import { en } from '../i18n/en.ts';
import { translator, type MessageKey, type Translate, type UiLanguage } from '../i18n/index.ts';
import { formatDate, formatNumber, localDigits } from '../i18n/format.ts';
import { dirOf } from '../i18n/languages.ts';
import { localise } from '../../../api/domain/language.ts';
import { COUNTRY_TIME_ZONES, LISTING_ACTION_ROLES, type ListingAction } from '../../../api/domain/vocabulary.ts';
import type { z } from '@hono/zod-openapi';
import type { User } from '../../../api/admin/schemas/users.ts';
import type { AdminApi, ApiError } from './api.ts';

/** The signed-in person, as the admin API declares it. */
export type SessionUser = z.output<typeof User>;

export type Localized = Partial<Record<string, string>> | null | undefined;

export class ConsoleContext {
  readonly t: Translate;
  user: SessionUser | null = null;

  constructor(
    readonly api: AdminApi,
    readonly lang: UiLanguage,
    private readonly status: HTMLElement,
  ) {
    this.t = translator(lang);
  }

  /** A message by key, for keys built from API values (kinds, statuses). */
  tk(key: string, params?: Record<string, string | number>): string {
    return this.t(key as MessageKey, params);
  }

  /** Whether the catalogues have a message for a key built from an API value. */
  has(key: string): boolean {
    return Object.hasOwn(en, key);
  }

  /** The label of a listing field or record kind; never the raw name of a column. */
  fieldLabel(name: string): string {
    const key = `consoleField_${name.split('.')[0]}`;
    return this.has(key) ? this.tk(key) : this.t('consoleFieldOther');
  }

  /** Items joined with the comma of the console's script. */
  list(items: string[]): string {
    return items.join(dirOf(this.lang) === 'rtl' ? '، ' : ', ');
  }

  /**
   * Whether the signed-in role may do this with a listing, by the table the API enforces: the
   * console shows a control only to a role that may use it, so nobody meets a refusal. Scope is
   * already applied by the API's listing reads.
   */
  may(action: ListingAction): boolean {
    return this.user !== null && LISTING_ACTION_ROLES[action].includes(this.user.role);
  }

  /** Caseworkers find and read listings; the work queue is for those who maintain them. */
  get hasQueue() {
    return this.may('edit');
  }

  /** A directory text in the console's language or its fallback, exactly as the public pages show it. */
  text(value: Localized): string {
    return localise(value, this.lang)?.text ?? '';
  }

  date(iso: string | null | undefined, zone = COUNTRY_TIME_ZONES.IQ): string {
    return iso ? formatDate(iso, this.lang, zone) : this.t('consoleNever');
  }

  dateTime(iso: string | null | undefined): string {
    if (!iso) return this.t('consoleNever');
    const d = new Date(iso);
    const pad = (n: number) => String(n).padStart(2, '0');
    return localDigits(
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`,
      this.lang,
    );
  }

  number(n: number | null | undefined, digits = 0): string {
    return n === null || n === undefined ? '—' : formatNumber(n, this.lang, digits);
  }

  get canPublish() {
    return this.user?.role === 'admin' || this.user?.role === 'coordinator';
  }

  /** Polite announcement of what just happened (saved, published, failed). */
  announce(message: string, kind: 'ok' | 'error' = 'ok') {
    this.status.textContent = '';
    this.status.dataset.kind = kind;
    // A fresh text node so screen readers announce a repeated message too.
    requestAnimationFrame(() => (this.status.textContent = message));
  }

  /**
   * A failure in whole sentences of the console's language: one sentence per action that was
   * refused, and the fields the API named, by their labels. The API's own words are English
   * (they are for integrators) and are not pasted into the page.
   */
  problemText(error: ApiError, action?: ListingAction): string {
    const p = error.problem;
    if (p.status === 401) return this.t('consoleSignedOut');
    if (p.status === 403) return action ? this.tk(`consoleForbidden_${action}`) : this.t('consoleForbidden');
    if (p.status === 404) return this.t('consoleNotFound');
    if (p.status === 412) return this.t('consoleConflictReload');
    if (p.status === 429) return this.t('consoleTooMany');
    const fields = this.list([...new Set((p.errors ?? []).map((e) => this.fieldLabel(e.name)))]);
    if (p.status === 422 && action === 'publish') return this.t('consoleNotPublishable', { fields });
    if (fields) return this.t('consoleCheckFields', { fields });
    if (p.status === 409) return this.t('consoleRefusedNow');
    return this.t('consoleFailed');
  }
}
