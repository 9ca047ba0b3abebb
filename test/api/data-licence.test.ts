// The listings' licence is the deployment's decision (wrangler.toml DATA_LICENCE), and every way the
// directory leaves in bulk says the same one: the OpenAPI document (whose info.license HSDS's API
// description requires), the HSDS root, the data package, a Link header on every open-data
// response, and the about page in every language. A deployment that grants none claims none.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { dataLicence, KNOWN_DATA_LICENCES, NO_DATA_LICENCE } from '../../api/domain/data-licence.ts';
import { UI_LANGUAGES } from '../../web/src/i18n/languages.ts';
import { translator } from '../../web/src/i18n/index.ts';
import attribution from '../../db/seed/geo/ATTRIBUTION.json';

const app = createApp();

const CC_BY = {
  id: 'CC-BY-4.0',
  name: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
};

/** A request through the Worker with DATA_LICENCE set to `licence` (and the edge copy as the suite has it). */
async function get(path: string, licence: string = CC_BY.id, edgeCache?: 'on') {
  const bindings = { ...env, DATA_LICENCE: licence, ...(edgeCache && { EDGE_CACHE: edgeCache }) };
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(`https://masar.test${path}`), bindings, ctx);
  // Read as bytes: a zip is not text. Only JSON documents are parsed (ndjson is many).
  const text = new TextDecoder().decode(await response.arrayBuffer());
  await waitOnExecutionContext(ctx);
  const json = /[/+]json\b/.test(response.headers.get('Content-Type') ?? '') && text ? JSON.parse(text) : null;
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * Every GET path of the open-data feeds (HSDS and exports) in the OpenAPI document, its `{id}` or
 * `{file}` filled with a real one: the first item of the matching list, or every file the data
 * package names.
 */
async function everyOpenDataPath(): Promise<string[]> {
  const openapi = (await get('/api/v1/openapi.json')).json;
  const paths: string[] = [];
  for (const path of Object.keys(openapi.paths).filter((p) => /^\/api\/v1\/(hsds|exports)\b/.test(p))) {
    if (!openapi.paths[path].get) continue;
    if (path.endsWith('/{id}')) {
      const list = (await get(path.slice(0, -'/{id}'.length))).json;
      const first = list.contents?.[0]?.id;
      expect(first, `an item of ${path}`).toBeTruthy();
      paths.push(path.replace('{id}', first));
    } else if (path.endsWith('/{file}')) {
      const descriptor = (await get('/api/v1/exports/hsds/datapackage.json')).json;
      for (const resource of descriptor.resources) paths.push(path.replace('{file}', resource.path));
    } else {
      paths.push(path);
    }
  }
  return paths;
}

/** The about page's sentence on reuse, as hono writes it: `message` filled, the licence's name put in. */
function licenceParagraph(lang: (typeof UI_LANGUAGES)[number], message: string, licence: string, url?: string) {
  const [before, after] = translator(lang)(message as 'aboutDataLicence', { site: 'Masar' }).split('{licence}');
  const name = `<span class="licence-name" lang="en" dir="ltr">${licence}</span>`;
  const linked = url ? `<a href="${url}" rel="license noreferrer noopener">${name}</a>` : name;
  return `<p class="data-licence">${escape(before!)}${linked}${escape(after ?? '')}</p>`;
}

describe("the listings' licence", () => {
  it("this repository's deployment sets a licence the code knows and links", () => {
    expect(KNOWN_DATA_LICENCES).toContain(dataLicence(env.DATA_LICENCE)?.id);
  });

  it('the OpenAPI document, the HSDS root and the data package name it, and credit the boundaries the locations carry', async () => {
    const openapi = (await get('/api/v1/openapi.json')).json;
    expect(openapi.info.license).toEqual({ name: CC_BY.name, identifier: CC_BY.id });
    for (const path of ['/api/v1/hsds', '/api/v1/hsds/']) {
      expect((await get(path)).json.license).toEqual({ name: CC_BY.name, identifier: CC_BY.id, url: CC_BY.url });
    }
    const descriptor = (await get('/api/v1/exports/hsds/datapackage.json')).json;
    expect(descriptor.licenses).toEqual([{ name: CC_BY.id, path: CC_BY.url, title: CC_BY.name }]);
    expect(descriptor.description).toContain(`The listings are published under ${CC_BY.name}.`);
    // Each boundary and name source, with its credit as its licensor wrote it, naming its licence.
    expect(descriptor.sources[0]).toEqual({ title: 'Masar', path: 'https://masar.test/api/v1/hsds/' });
    expect(descriptor.sources.slice(1).map((s: { path: string }) => s.path)).toEqual(attribution.map((c) => c.url));
    for (const [i, credit] of attribution.entries()) {
      const { title } = descriptor.sources[i + 1];
      expect(title.startsWith(credit.text)).toBe(true);
      expect(title.split(credit.licence).length, title).toBe(2);
    }
  });

  it("a package names an Open Data Commons licence by its Open Definition id, the API by SPDX's, in any case", async () => {
    const odbl = {
      name: 'Open Data Commons Open Database License v1.0',
      url: 'https://opendatacommons.org/licenses/odbl/1-0/',
    };
    for (const set of ['ODbL-1.0', 'odbl-1.0']) {
      expect((await get('/api/v1/openapi.json', set)).json.info.license).toEqual({
        name: odbl.name,
        identifier: 'ODbL-1.0',
      });
      expect((await get('/api/v1/exports/hsds/datapackage.json', set)).json.licenses).toEqual([
        { name: 'ODC-ODbL-1.0', path: odbl.url, title: odbl.name },
      ]);
    }
  });

  it('every open-data response links its licence, and a browser on another origin may read that link', async () => {
    const paths = await everyOpenDataPath();
    expect(paths.length).toBeGreaterThan(25);
    for (const path of paths) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      const links = (response.headers.get('Link') ?? '').split(/,\s*(?=<)/);
      expect({ path, links }).toEqual({ path, links: expect.arrayContaining([`<${CC_BY.url}>; rel="license"`]) });
      expect(response.headers.get('Access-Control-Expose-Headers')).toContain('Link');
    }
    // A numbered HSDS page keeps its link to the next page beside the licence's.
    const page = await get('/api/v1/hsds/services?per_page=2');
    expect(page.headers.get('Link')).toMatch(/rel="next".*rel="license"/);
    // An error is not the data: it gets no licence.
    const missing = await get('/api/v1/hsds/services/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Link')).toBeNull();
  });

  it('the about page says it in every language, the licence linked as a licence, asking credit only when it does', async () => {
    const cc0 = {
      id: 'CC0-1.0',
      name: 'Creative Commons Zero v1.0 Universal',
      url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    };
    for (const lang of UI_LANGUAGES) {
      const byPage = await get(`/about?lang=${lang}`);
      expect(byPage.status).toBe(200);
      expect(byPage.text, lang).toContain(licenceParagraph(lang, 'aboutDataLicence', CC_BY.name, CC_BY.url));
      const zeroPage = await get(`/about?lang=${lang}`, cc0.id);
      expect(zeroPage.text, lang).toContain(licenceParagraph(lang, 'aboutDataLicenceNoCredit', cc0.name, cc0.url));
    }
    expect((await get('/about?lang=en')).text).toContain('with credit to Masar');
    expect((await get('/about?lang=en', cc0.id)).text).not.toContain('with credit');
  });

  it('an edge copy made under one licence is not served under another', async () => {
    const first = await get('/api/v1/hsds/', CC_BY.id, 'on');
    const again = await get('/api/v1/hsds/', CC_BY.id, 'on');
    expect(again.headers.get('X-Edge-Cache')).toBe('hit');
    expect(again.json.license.identifier).toBe(CC_BY.id);
    expect(first.json).toEqual(again.json);
    const changed = await get('/api/v1/hsds/', '', 'on');
    expect(changed.headers.get('X-Edge-Cache')).toBe('miss');
    expect(changed.json.license).toEqual({ name: NO_DATA_LICENCE });
  });
});

describe('a deployment that grants no licence', () => {
  it('says so wherever the data leaves, and claims none', async () => {
    const openapi = (await get('/api/v1/openapi.json', '')).json;
    expect(openapi.info.license).toEqual({ name: NO_DATA_LICENCE });
    expect((await get('/api/v1/hsds/', ' ')).json.license).toEqual({ name: NO_DATA_LICENCE });
    const descriptor = (await get('/api/v1/exports/hsds/datapackage.json', '')).json;
    expect(descriptor).not.toHaveProperty('licenses');
    expect(descriptor.description).toContain(`${NO_DATA_LICENCE}.`);
    for (const path of [
      '/api/v1/hsds/services',
      '/api/v1/exports/services.csv',
      '/api/v1/exports/hsds/datapackage.zip',
    ]) {
      const response = await get(path, '');
      expect(response.status).toBe(200);
      expect(response.headers.get('Link') ?? '').not.toContain('rel="license"');
    }
    for (const lang of UI_LANGUAGES) {
      const page = await get(`/about?lang=${lang}`, '');
      expect(page.text).toContain(`<p class="data-licence">${escape(translator(lang)('aboutNoDataLicence'))}</p>`);
      expect(page.text).not.toContain('rel="license');
    }
  });

  it('a licence the code has no address for is said as it was set, unlinked, claiming nothing about its terms', async () => {
    const id = 'LicenseRef-Ninewa-GBV-SC-1.0';
    expect((await get('/api/v1/openapi.json', id)).json.info.license).toEqual({ name: id, identifier: id });
    expect((await get('/api/v1/hsds/', id)).json.license).toEqual({ name: id, identifier: id });
    const descriptor = (await get('/api/v1/exports/hsds/datapackage.json', id)).json;
    // A package licence needs an Open Definition name or an address: this one has neither.
    expect(descriptor).not.toHaveProperty('licenses');
    expect(descriptor.description).toContain(`The listings are published under ${id}.`);
    expect((await get('/api/v1/hsds/services', id)).headers.get('Link') ?? '').not.toContain('rel="license"');
    for (const lang of UI_LANGUAGES) {
      expect((await get(`/about?lang=${lang}`, id)).text).toContain(
        licenceParagraph(lang, 'aboutDataLicenceOther', id),
      );
    }
  });
});

/** Text as hono's JSX writes it into a page. */
function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
