/** What every console screen is given: the API, the language, the signed-in person, feedback. */
import { translator, type MessageKey, type Translate, type UiLanguage } from '../i18n/index.ts';
import { formatDate, formatNumber, localDigits } from '../i18n/format.ts';
import type { AdminApi, ApiError } from './api.ts';

export interface SessionUser {
  id: string;
  email: string;
  display_name: string;
  role: 'admin' | 'coordinator' | 'editor' | 'caseworker';
  area_pcodes: string[];
  organisation_id: string | null;
  totp_enabled: boolean;
}

export type Localized = Partial<Record<string, string>> | null | undefined;

/** The language a text is shown in after fallback, as on the public pages (ckb → kmr → ar → en). */
const FALLBACK: Record<UiLanguage, string[]> = {
  ar: ['ar', 'en'],
  ckb: ['ckb', 'kmr', 'ar', 'en'],
  kmr: ['kmr', 'ckb', 'ar', 'en'],
  en: ['en', 'ar'],
  es: ['es', 'en'],
};

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

  text(value: Localized): string {
    if (!value) return '';
    for (const code of FALLBACK[this.lang]) if (value[code]?.trim()) return value[code]!;
    return Object.values(value).find((v) => v?.trim()) ?? '';
  }

  date(iso: string | null | undefined, zone = 'Asia/Baghdad'): string {
    return iso ? formatDate(iso, this.lang, zone) : this.t('consoleNever');
  }

  dateTime(iso: string | null | undefined): string {
    if (!iso) return this.t('consoleNever');
    const d = new Date(iso);
    const pad = (n: number) => String(n).padStart(2, '0');
    return localDigits(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`, this.lang);
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

  /** The API's explanation of a failure, in words a person can act on. */
  problemText(error: ApiError): string {
    const p = error.problem;
    if (p.status === 401) return this.t('consoleSignedOut');
    if (p.status === 403) return `${this.t('consoleForbidden')} ${p.detail ?? ''}`.trim();
    if (p.status === 429) return p.detail ?? this.t('consoleTooMany');
    const reasons = (p.errors ?? []).map((e) => `${e.name}: ${e.reason}`).join('; ');
    return [p.detail ?? p.title ?? this.t('consoleFailed'), reasons].filter(Boolean).join(' ');
  }
}
