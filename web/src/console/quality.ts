/** Data quality: verified shares per governorate, missing fields, open reports, and a gap table per district. */
import type { z } from '@hono/zod-openapi';
import type { ConsoleContext } from './context.ts';
import { field, h, select } from './dom.ts';
import type { DataQuality } from '../../../api/admin/schemas/data-quality.ts';

type Quality = z.infer<typeof DataQuality>;

export async function qualityScreen(ctx: ConsoleContext): Promise<HTMLElement> {
  const { t, lang } = ctx;
  const [{ data }, { data: types }] = await Promise.all([
    ctx.api.get<Quality>('/data-quality'),
    ctx.api.get<{ items: Array<{ id: string; parent_id: string | null; name: { text: string } }> }>(
      `/api/v1/service-types?lang=${lang}`,
    ),
  ]);
  const pct = (n: number | null) => (n === null ? '—' : `${ctx.number(n, 1)}%`);
  const table = (label: string, head: string[], rows: HTMLElement[]) =>
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': label },
      h(
        'table',
        { class: 'console-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            head.map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h('tbody', {}, rows),
      ),
    );

  const summary = h(
    'dl',
    { class: 'facts' },
    h('dt', {}, t('consolePublishedServices')),
    h('dd', {}, ctx.number(data.published_services)),
    h('dt', {}, t('consoleVerified90')),
    h('dd', {}, pct(data.verified_within_90_days_pct)),
    h('dt', {}, t('consoleVerified365')),
    h('dd', {}, pct(data.verified_within_365_days_pct)),
    h('dt', {}, t('consoleOpenReports')),
    h('dd', {}, ctx.number(data.open_problem_reports)),
  );
  const governorates = data.governorates.filter((g) => g.services > 0);
  const govTable = table(
    t('consoleByGovernorate'),
    [
      t('consoleGovernorate'),
      t('consoleServices'),
      t('consoleVerified90'),
      t('consoleVerified365'),
      t('consoleOpenReports'),
    ],
    governorates.map((g) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, ctx.text(g.names)),
        h('td', {}, ctx.number(g.services)),
        h('td', {}, pct(g.verified_within_90_days_pct)),
        h('td', {}, pct(g.verified_within_365_days_pct)),
        h('td', {}, ctx.number(g.open_problem_reports)),
      ),
    ),
  );
  const missing = table(
    t('consoleMissingFields'),
    [t('consoleFieldName'), t('consoleServices')],
    Object.entries(data.missing_fields).map(([name, n]) =>
      h('tr', {}, h('th', { scope: 'row' }, ctx.tk(`consoleMissing_${name}`)), h('td', {}, ctx.number(n))),
    ),
  );

  // The gap table: one governorate's districts × top-level service types; zero is a gap.
  const topTypes = types.items.filter((ty) => ty.parent_id === null);
  const children = (id: string) => types.items.filter((ty) => ty.parent_id === id).map((ty) => ty.id);
  const count = (d: Quality['districts'][number], id: string) =>
    [id, ...children(id)].reduce((sum, ty) => Math.max(sum, d.services_per_type[ty] ?? 0), 0);
  const choice = select(
    'governorate',
    governorates.map((g): [string, string] => [g.pcode, ctx.text(g.names)]),
    governorates[0]?.pcode,
  );
  const gapBox = h('div', { dataset: { role: 'gap-table' } });
  const drawGaps = () => {
    const districts = data.districts.filter((d) => d.pcode.startsWith(choice.value));
    gapBox.replaceChildren(
      table(
        t('consoleGapTable'),
        [t('consoleDistrict'), ...topTypes.map((ty) => ty.name.text)],
        districts.map((d) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, ctx.text(d.names)),
            topTypes.map((ty) => {
              const n = count(d, ty.id);
              return h(
                'td',
                { class: n ? '' : 'gap' },
                n
                  ? ctx.number(n)
                  : h('span', {}, '0', h('span', { class: 'visually-hidden' }, ` (${t('consoleGap')})`)),
              );
            }),
          ),
        ),
      ),
    );
  };
  choice.addEventListener('change', drawGaps);
  drawGaps();
  return h(
    'section',
    { class: 'quality' },
    h('h1', { tabindex: -1 }, t('consoleQualityHeading')),
    summary,
    h('h2', {}, t('consoleByGovernorate')),
    govTable,
    h('h2', {}, t('consoleMissingFields')),
    missing,
    h('h2', {}, t('consoleGapTable')),
    h('p', {}, t('consoleGapIntro')),
    field(t('consoleGovernorate'), choice),
    gapBox,
  );
}
