import { describe, expect, it } from 'vitest';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { PATHWAY_MARKERS, samplePathways } from '../../db/seed/sample-pathways.mjs';
import { UI_LANGUAGES } from '../../web/src/i18n/index.ts';
import { get } from '../support/http.ts';
import { element, pieces, textOf } from '../support/html.ts';

const pathways = samplePathways(new Date());
const QAYYARAH = pathways.find((p: { key: string }) => p.key === 'qayyarah-digital-extortion')!;
const GUATEMALA = pathways.find((p: { key: string }) => p.key === 'guatemala-digital-extortion')!;
const services = sampleDirectory(new Date()).services;
const serviceOf = (key: string) => services.find((s: { key: string }) => s.key === key)!;

describe('the pathway page', () => {
  it('reads step by step without JavaScript, with the quick exit and a neutral title, in every language', async () => {
    for (const lang of UI_LANGUAGES) {
      const { status, text, headers } = await get(`/p/${QAYYARAH.id}?a=IQG15Q05N01&lang=${lang}`);
      expect(status).toBe(200);
      expect(headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(text).toContain('data-quick-exit');
      const title = /<title>([^<]*)<\/title>/.exec(text)![1]!;
      expect(title).not.toMatch(/extortion|ابتزاز|muestra|sample/i);
      const steps = pieces(text, /<li class="pathway-step"/);
      expect(steps.map((s) => /data-step-kind="([a-z_]+)"/.exec(s)![1])).toEqual(
        QAYYARAH.steps.map((s: { kind: string }) => s.kind),
      );
      for (const marker of PATHWAY_MARKERS) expect(text).not.toContain(marker);
    }
  });

  it('every sample pathway reads without a script in every language: its steps in order, each service with its dial links', async () => {
    for (const pathway of pathways) {
      for (const lang of UI_LANGUAGES) {
        const at = `${pathway.key} ${lang}`;
        const { status, text } = await get(`/p/${pathway.id}?a=${pathway.areaPcode}&lang=${lang}`);
        expect(status, at).toBe(200);
        const steps = pieces(text, /<li class="pathway-step"/);
        expect(
          steps.map((s) => /data-step-kind="([a-z_]+)"/.exec(s)![1]),
          at,
        ).toEqual(pathway.steps.map((s: { kind: string }) => s.kind));
        const { body } = await get(`/api/v1/pathways/${pathway.id}?area=${pathway.areaPcode}&lang=${lang}`);
        let dialLinks = 0;
        for (const [i, step] of (
          body.steps as Array<{ services: Array<{ id: string; contact_routes: Array<{ href: string | null }> }> }>
        ).entries()) {
          for (const service of step.services) {
            expect(steps[i], at).toContain(`data-service="${service.id}"`);
            for (const route of service.contact_routes.filter((r) => r.href?.startsWith('tel:'))) {
              expect(steps[i], at).toContain(`href="${route.href}"`);
              dialLinks++;
            }
          }
        }
        expect(dialLinks, at).toBeGreaterThan(0);
        // Nothing in the steps waits for the script to be shown.
        const stepsHtml = element(text, 'class="pathway__steps"')!;
        expect(
          stepsHtml.replace(/<span class="distance" data-role="distance" hidden(="")?><\/span>/g, ''),
          at,
        ).not.toMatch(/\shidden[\s>=]/);
      }
    }
  });

  it('in Arabic, the report step says what happens, lists the choices and offers the Community Police to dial', async () => {
    const { text } = await get(`/p/${QAYYARAH.id}?a=IQG15Q05N01&lang=ar`);
    const report = element(text, 'data-step-kind="report"')!;
    expect(textOf(report)).toContain('الشرطة المجتمعية');
    expect(report).toContain('data-choice="anonymous"');
    expect(report).toContain('data-choice="female_officer"');
    expect(report).toContain('href="tel:497"');
    const accompany = pieces(text, /<li class="pathway-step"/)[3]!;
    expect(accompany).toContain(`/s/${serviceOf('sanad-qayyarah-accompaniment').id}`);
  });

  it('in Spanish, the Guatemalan route goes from the complaint to INACIF to the PNC', async () => {
    const { status, text } = await get(`/p/${GUATEMALA.id}?a=GT0101&lang=es`);
    expect(status).toBe(200);
    const kinds = pieces(text, /<li class="pathway-step"/).map((s) => /data-step-kind="([a-z_]+)"/.exec(s)![1]);
    expect(kinds.indexOf('report')).toBeLessThan(kinds.indexOf('forensic_examination'));
    expect(kinds.indexOf('forensic_examination')).toBeLessThan(kinds.indexOf('investigation'));
    expect(textOf(text)).toContain('Guarda las pruebas');
  });

  it('the area page links to the pathways that hold there under "What can I do?"', async () => {
    const { text } = await get('/a/IQG15Q05N01?lang=en');
    const block = element(text, 'data-role="pathways"')!;
    expect(block).toContain('What can I do?');
    expect(block).toContain(`/p/${QAYYARAH.id}?a=IQG15Q05N01`);
  });

  it('a bad address or an area the pathway does not hold in is a page with the quick exit, not an error', async () => {
    for (const path of [`/p/not-an-id`, `/p/${QAYYARAH.id}?a=IQG12`, `/p/${QAYYARAH.id}?a=bad!`]) {
      const { status, text } = await get(path);
      expect(status).toBe(404);
      expect(text).toContain('data-quick-exit');
    }
  });
});
