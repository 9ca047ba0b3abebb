// A safe card through the real Worker, for every published service of the sample in every
// language: the SMS body fits two UCS-2 segments (134 UTF-16 units), carries one of the service's
// public numbers exactly, and never anything practitioner-only or confidential.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIDENTIAL_LOCATION_MARKERS, SAMPLE_MARKERS } from '../../db/seed/sample-directory.mjs';
import { PATHWAY_MARKERS, samplePathways } from '../../db/seed/sample-pathways.mjs';
import { forEachLimited } from '../support/concurrency.ts';
import { get } from '../support/http.ts';

const LANGS = ['ar', 'ckb', 'kmr', 'en', 'es'] as const;
const SMS_LIMIT = 134;
const NUMBER_KINDS = ['hotline', 'phone', 'sms', 'whatsapp', 'signal', 'telegram'];
const MARKERS = [...new Set([...SAMPLE_MARKERS, ...PATHWAY_MARKERS, ...CONFIDENTIAL_LOCATION_MARKERS])];
const SITE_NAME = String((env as unknown as Record<string, unknown>).SITE_NAME);

interface Detail {
  name: { text: string } | null;
  organisation: { name: { text: string } | null };
  contact_routes: Array<{ kind: string; value: string }>;
}
interface Card {
  title: string | null;
  footer: string | null;
  entries: Array<{ routes: Array<{ number: string }> }>;
  text: string | null;
  sms: { body: string; units: number; limit: number; shortened_by: string[]; href: string } | null;
  whatsapp_href: string | null;
}

/** A stored number as a phone dials it: the "+" and the digits. */
const dialable = (value: string) => value.replace(/[^\d+]/g, '');
const publicNumbers = (detail: Detail) =>
  detail.contact_routes
    .filter((r) => NUMBER_KINDS.includes(r.kind) && /^\+?[\d\s().-]{3,}$/.test(r.value.trim()))
    .map((r) => dialable(r.value));
const leaks = (text: string) => MARKERS.filter((m) => text.includes(m));
const decodeHtml = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

let ids: string[] = [];
const details = new Map<string, Detail>();

beforeAll(async () => {
  ids = (
    await env.DB.prepare("SELECT id FROM services WHERE status = 'published' ORDER BY id").all<{ id: string }>()
  ).results.map((r) => r.id);
  await forEachLimited(ids, 8, async (id) => {
    details.set(id, (await get<Detail>(`/api/v1/services/${id}?lang=en`)).body);
  });
}, 120_000);

describe('GET /api/v1/services/{id}/safe-card', () => {
  it('the sample has services to test, and most have a public number', () => {
    expect(ids.length).toBeGreaterThan(10);
    const withNumbers = ids.filter((id) => publicNumbers(details.get(id)!).length > 0);
    expect(withNumbers.length).toBeGreaterThan(ids.length / 2);
  });

  it.each(LANGS)(
    "in %s every sample listing's SMS fits 134 UTF-16 units, holds a public number of its own, nothing restricted",
    async (lang) => {
      const failures: string[] = [];
      let shortened = 0;
      await forEachLimited(ids, 8, async (id) => {
        for (const discreet of ['false', 'true']) {
          const at = `${id} ${lang} discreet=${discreet}`;
          const response = await get<Card>(`/api/v1/services/${id}/safe-card?lang=${lang}&discreet=${discreet}`);
          if (response.status !== 200) {
            failures.push(`${at}: ${response.status}`);
            continue;
          }
          const card = response.body;
          const numbers = publicNumbers(details.get(id)!);
          const found = leaks(response.text);
          if (found.length) failures.push(`${at}: contains ${found.join(', ')}`);
          if (!numbers.length) {
            // A name alone reaches nobody: no card to send.
            if (card.sms || card.text || card.whatsapp_href || card.entries.length)
              failures.push(`${at}: a card without any public number`);
            continue;
          }
          if (!card.sms || card.text === null || !card.whatsapp_href) {
            failures.push(`${at}: no card for a service with a number`);
            continue;
          }
          const { body } = card.sms;
          if (body.length > SMS_LIMIT) failures.push(`${at}: ${body.length} units`);
          if (card.sms.units !== body.length) failures.push(`${at}: says ${card.sms.units} units, is ${body.length}`);
          if (!numbers.some((n) => body.includes(n))) failures.push(`${at}: no public number in "${body}"`);
          if (
            decodeURIComponent(card.sms.href.replace(/^sms:\?&body=/, '')) !== body ||
            !card.sms.href.startsWith('sms:?&body=')
          )
            failures.push(`${at}: the sms: link does not carry the body`);
          if (decodeURIComponent(card.whatsapp_href.replace(/^https:\/\/wa\.me\/\?text=/, '')) !== card.text)
            failures.push(`${at}: the WhatsApp link does not carry the text`);
          if (card.sms.shortened_by.length) shortened++;
          if (discreet === 'true') {
            const detail = details.get(id)!;
            const named = [SITE_NAME, detail.name?.text, detail.organisation.name?.text].filter(
              (n): n is string => !!n && (card.text!.includes(n) || body.includes(n)),
            );
            if (named.length) failures.push(`${at}: a discreet card names ${named.join(', ')}`);
          } else if (!card.text.includes(SITE_NAME)) {
            failures.push(`${at}: the card does not say where it came from`);
          }
        }
      });
      expect(failures).toEqual([]);
      // The rule is exercised, not only passed: some sample cards are longer than two segments.
      expect(shortened).toBeGreaterThan(0);
    },
    300_000,
  );

  it('bad parameters are problems naming the parameter; an unknown service is 404', async () => {
    const id = ids[0]!;
    for (const [query, name] of [
      ['discreet=yes', 'discreet'],
      ['lang=fr', 'lang'],
      ['colour=red', 'colour'],
    ]) {
      const response = await get(`/api/v1/services/${id}/safe-card?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((e: { name: string }) => e.name)).toContain(name);
    }
    expect((await get('/api/v1/services/not-a-uuid/safe-card')).status).toBe(400);
    const missing = await get('/api/v1/services/00000000-0000-4000-8000-000000000000/safe-card');
    expect(missing.status).toBe(404);
  });
});

/** The SMS body a card page links to. */
const smsBodyOf = (html: string) => {
  const href = /href="(sms:[^"]*)"/.exec(html)?.[1];
  return href === undefined ? null : decodeURIComponent(decodeHtml(href).replace(/^sms:\?&body=/, ''));
};

describe('the safe card page', () => {
  it.each(['ar', 'ckb', 'kmr'])(
    'in %s every published service has a card page with the quick exit, no cookie, not kept, and an SMS link that fits',
    async (lang) => {
      const failures: string[] = [];
      await forEachLimited(ids, 8, async (id) => {
        const at = `/s/${id}/card?lang=${lang}`;
        const response = await get(at);
        if (response.status !== 200) return void failures.push(`${at}: ${response.status}`);
        if (!response.text.includes('data-quick-exit')) failures.push(`${at}: no quick exit`);
        if (response.headers.get('Cache-Control') !== 'no-store') failures.push(`${at}: kept by the browser`);
        if (response.headers.get('Set-Cookie')) failures.push(`${at}: sets a cookie`);
        const found = leaks(response.text);
        if (found.length) failures.push(`${at}: contains ${found.join(', ')}`);
        const numbers = publicNumbers(details.get(id)!);
        const body = smsBodyOf(response.text);
        if (!numbers.length) {
          if (!response.text.includes('data-role="no-numbers"')) failures.push(`${at}: no card, and not said`);
          return;
        }
        if (body === null) return void failures.push(`${at}: no sms: link`);
        if (body.length > SMS_LIMIT) failures.push(`${at}: ${body.length} units`);
        if (!numbers.some((n) => body.includes(n))) failures.push(`${at}: no public number in the SMS`);
      });
      expect(failures).toEqual([]);
    },
    300_000,
  );

  it('the service page and the pathway page link to their safe cards', async () => {
    const id = ids.find((i) => publicNumbers(details.get(i)!).length > 0)!;
    expect((await get(`/s/${id}?lang=ar`)).text).toContain(`href="/s/${id}/card?lang=ar"`);
    const pathway = samplePathways(new Date())[0]!;
    const page = await get(`/p/${pathway.id}?a=${pathway.areaPcode}&lang=en`);
    expect(decodeHtml(page.text)).toContain(`href="/p/${pathway.id}/card?a=${pathway.areaPcode}&lang=en"`);
  });

  it('a link that cannot be read gets an error page with the quick exit, not a card', async () => {
    const id = ids[0]!;
    const pathway = samplePathways(new Date())[0]!;
    for (const path of [
      `/s/${id}/card?discreet=maybe`,
      `/p/${pathway.id}/card?a=${pathway.areaPcode}&discreet=1`,
      `/p/${pathway.id}/card?a=not-a-place`,
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(response.text).toContain('data-quick-exit');
      expect(response.text).not.toContain('sms:');
    }
    expect((await get('/s/00000000-0000-4000-8000-000000000000/card')).status).toBe(404);
  });

  it("every sample pathway gets a card in every language: its first services' numbers in step order, within 134 units", async () => {
    for (const pathway of samplePathways(new Date())) {
      for (const lang of ['ar', 'ckb', 'kmr', 'en', 'es']) {
        const at = `${pathway.key} ${lang}`;
        const api = await get(`/api/v1/pathways/${pathway.id}?area=${pathway.areaPcode}&lang=${lang}`);
        // A service serving two steps is on the card once, at its first step.
        const stepNumbers: string[] = api.body.steps.flatMap(
          (s: { services: Array<{ contact_routes: Detail['contact_routes'] }> }) =>
            s.services.flatMap((service) => publicNumbers({ contact_routes: service.contact_routes } as Detail)),
        );
        const response = await get(`/p/${pathway.id}/card?a=${pathway.areaPcode}&lang=${lang}`);
        expect(response.status, at).toBe(200);
        expect(leaks(response.text), at).toEqual([]);
        if (!stepNumbers.length) continue;
        const body = smsBodyOf(response.text)!;
        expect(body.length, at).toBeLessThanOrEqual(SMS_LIMIT);
        // The first number on the card is the first number of the pathway's first service with one.
        const first = stepNumbers.find((n) => body.includes(n));
        expect(first, at).toBeDefined();
        const numbersInBody = [...new Set(stepNumbers)].filter((n) => body.includes(n));
        const positions = numbersInBody.map((n) => body.indexOf(n));
        expect(positions, `${at}: in step order`).toEqual([...positions].sort((a, b) => a - b));
        const discreet = await get(`/p/${pathway.id}/card?a=${pathway.areaPcode}&lang=${lang}&discreet=true`);
        const discreetBody = smsBodyOf(discreet.text)!;
        expect(discreetBody, at).not.toContain(SITE_NAME);
        expect(discreetBody.length, at).toBeLessThanOrEqual(SMS_LIMIT);
      }
    }
  }, 300_000);
});
