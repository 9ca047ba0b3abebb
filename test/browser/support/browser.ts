/**
 * One Chromium (Debian's, never a downloaded build) per test file, phone-sized pages, and the
 * recorders the safety tests use: every request, every response header, console CSP errors.
 */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';

let started: string | undefined;
/** For a script that started the app itself (screenshots.ts); tests get it from the global setup. */
export const useBaseURL = (url: string) => void (started = url);
export const baseURL = () => started ?? inject('baseURL');
export const siteName = () => inject('siteName');
export const url = (path: string) => `${baseURL()}${path}`;

/** The neutral site quick exit goes to (wrangler.toml QUICK_EXIT_URL); answered locally by the tests. */
export const QUICK_EXIT_URL = 'https://www.google.com/search?q=weather';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A phone: 360×740 CSS pixels, touch, the language a survivor's phone might have. */
export function phone(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: true,
    locale: 'ar-IQ',
    serviceWorkers: 'allow',
    ...options,
  });
}

/**
 * Headers that make a context a client of its own for the report rate limit, which keys on the
 * address the edge reports (wrangler dev passes the header through). Tests stay independent.
 */
export const ownClientAddress = () => ({
  'CF-Connecting-IP': `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`,
});

/** Serves the quick exit destination from the test itself: no request leaves the machine. */
export async function answerQuickExit(context: BrowserContext) {
  await context.route('https://www.google.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><title>Weather</title><h1>Weather</h1>',
    }),
  );
}

export interface Recorder {
  requests: Array<{ url: string; method: string; body: string | null }>;
  responses: Array<{ url: string; headers: Record<string, string> }>;
  cspErrors: string[];
}

export function record(page: Page): Recorder {
  const recorder: Recorder = { requests: [], responses: [], cspErrors: [] };
  page.on('request', (request) =>
    recorder.requests.push({ url: request.url(), method: request.method(), body: request.postData() }),
  );
  page.on('response', async (response) =>
    recorder.responses.push({ url: response.url(), headers: await response.allHeaders().catch(() => ({})) }),
  );
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) recorder.cspErrors.push(message.text());
  });
  return recorder;
}
