/**
 * Finding a service to refer to: the landing page of a person who reads listings (caseworkers).
 * It lists the published listings in their scope (the admin API's listing read applies it) and
 * narrows them by area, type and words with the public directory's own search, so an area
 * includes the services covering it from above (governorate-wide, national), as survivors see.
 * The caseworker's filters (open at a day and time, eligibility for an age and gender,
 * accessibility needs) are the public directory's own, so a result means what it means to a
 * survivor; each result says how fresh its check is.
 * The filter stays in this page's memory, not in the address: nothing typed reaches history.
 */
import { ACCESSIBILITY_FEATURES, utcOffsetOf } from '../../../api/domain/vocabulary.ts';
import { ApiError } from './api.ts';
import type { ConsoleContext } from './context.ts';
import { checkboxes, checkedValues, field, h, select } from './dom.ts';
import { loadListing } from './listing.ts';
import { badge, type ListingSummary } from './queue.ts';
import { referralToggle } from './referral.ts';

interface Area {
  pcode: string;
  name: { text: string };
}
interface Filter {
  q: string;
  /** The chosen area at each level, country first. */
  path: string[];
  type: string;
  /** A wall-clock moment (YYYY-MM-DDTHH:MM) in the chosen country's time, or ''. */
  openAt: string;
  age: string;
  gender: string;
  accessibility: string[];
}

const EMPTY: Filter = { q: '', path: [], type: '', openAt: '', age: '', gender: '', accessibility: [] };
let remembered: Filter = EMPTY;

const filtered = (f: Filter) =>
  Boolean(f.q.trim() || f.path.length || f.type || f.openAt || f.age || f.gender || f.accessibility.length);

type Freshness = 'fresh' | 'overdue' | 'stale' | 'very_stale' | 'unverified';
interface Match {
  id: string;
  verification: { freshness: Freshness };
}

/** The published services matching the filter, in the public directory's order, with their freshness. */
async function matching(ctx: ConsoleContext, filter: Filter): Promise<Match[]> {
  const ids: Match[] = [];
  let cursor: string | null = null;
  // Bounded: 20 pages of 100 is more than any area of the directory holds.
  for (let page = 0; page < 20; page++) {
    const query = new URLSearchParams({ lang: ctx.lang, limit: '100' });
    const area = filter.path.at(-1);
    if (area) query.set('area', area);
    if (filter.type) query.set('type', filter.type);
    if (filter.q.trim()) query.set('q', filter.q.trim());
    // Hours are the service's own: the moment is read in its country's time (Iraq unless Guatemala is chosen).
    if (filter.openAt) query.set('open_at', `${filter.openAt}:00${utcOffsetOf(filter.path[0] ?? 'IQ')}`);
    if (filter.age) query.set('age', filter.age);
    if (filter.gender) query.set('gender', filter.gender);
    if (filter.accessibility.length) query.set('accessibility', filter.accessibility.join(','));
    if (cursor) query.set('cursor', cursor);
    const { data } = await ctx.api.get<{ items: Match[]; next_cursor: string | null }>(`/api/v1/services?${query}`);
    ids.push(...data.items);
    cursor = data.next_cursor;
    if (!cursor) break;
  }
  return ids;
}

export async function findScreen(ctx: ConsoleContext): Promise<HTMLElement> {
  const { t, lang } = ctx;
  const [{ data: listings }, { data: types }, { data: countries }] = await Promise.all([
    ctx.api.get<{ items: ListingSummary[] }>('/services?status=published'),
    ctx.api.get<{ items: Array<{ id: string; parent_id: string | null; name: { text: string } }> }>(
      `/api/v1/service-types?lang=${lang}`,
    ),
    ctx.api.get<{ items: Area[] }>(`/api/v1/areas?lang=${lang}`),
  ]);
  const published = listings.items.filter((s) => s.status === 'published');

  const q = h('input', { type: 'search', name: 'q', value: remembered.q, autocomplete: 'off' });
  const typeOptions: Array<[string, string]> = [['', t('filterAnyType')]];
  for (const top of types.items.filter((ty) => ty.parent_id === null)) {
    typeOptions.push([top.id, top.name.text]);
    for (const sub of types.items.filter((ty) => ty.parent_id === top.id))
      typeOptions.push([sub.id, `— ${sub.name.text}`]);
  }
  const type = select('type', typeOptions, remembered.type);

  // The area, one level at a time: a country, then a governorate or department, and so on.
  const areaBox = h('div', { class: 'area-levels', dataset: { role: 'area-levels' } });
  const levels: HTMLSelectElement[] = [];
  const addLevel = (areas: Area[], label: string, anyLabel: string, chosen: string) => {
    const level = select(
      `area-${levels.length}`,
      [['', anyLabel], ...areas.map((a): [string, string] => [a.pcode, a.name.text])],
      chosen,
    );
    const depth = levels.length;
    levels.push(level);
    areaBox.append(field(label, level, { name: `area-${depth}` }));
    level.addEventListener('change', () => void chooseAt(depth, level.value));
    return level;
  };
  const chooseAt = async (depth: number, pcode: string) => {
    for (const later of levels.splice(depth + 1)) later.closest('.field')?.remove();
    if (!pcode) return;
    const { data } = await ctx.api.get<{ items: Area[] }>(
      `/api/v1/areas?parent=${encodeURIComponent(pcode)}&lang=${lang}`,
    );
    if (!data.items.length) return;
    const name = levels[depth]!.selectedOptions[0]?.textContent ?? '';
    addLevel(data.items, t('consoleFindWithin', { area: name }), t('consoleFindWhole', { area: name }), '');
  };
  addLevel(countries.items, t('consoleFindArea'), t('consoleFindAnyArea'), remembered.path[0] ?? '');
  // Back from a listing: the same filter, level by level.
  for (const [depth, pcode] of remembered.path.entries()) {
    await chooseAt(depth, pcode).catch(() => undefined);
    const next = remembered.path[depth + 1];
    if (next && levels[depth + 1]) levels[depth + 1]!.value = next;
  }

  const openAt = h('input', { type: 'datetime-local', name: 'open_at', value: remembered.openAt });
  const age = h('input', {
    type: 'number',
    name: 'age',
    min: 0,
    max: 120,
    inputmode: 'numeric',
    value: remembered.age,
  });
  const gender = select(
    'gender',
    [
      ['', t('filterAnyone')],
      ['female', t('filterWomen')],
      ['male', t('filterMen')],
    ],
    remembered.gender,
  );
  const access = checkboxes(
    t('accessibilityLabel'),
    'accessibility',
    ACCESSIBILITY_FEATURES.map((f): [string, string] => [f, ctx.tk(`access_${f}`)]),
    remembered.accessibility,
  );

  const results = h('section', { class: 'find-results', dataset: { role: 'find-results' }, 'aria-live': 'polite' });
  let freshness = new Map<string, Freshness>();
  const show = (items: ListingSummary[]) =>
    results.replaceChildren(
      h('h2', {}, t('resultsCount', { n: ctx.number(items.length) })),
      items.length
        ? h(
            'ul',
            { class: 'work-list find-list' },
            items.map((s) =>
              h(
                'li',
                { dataset: { serviceId: s.id } },
                h('a', { href: `#/s/${encodeURIComponent(s.id)}` }, ctx.text(s.names) || t('consolePlaceUnnamed')),
                ' ',
                badge(ctx, s.verification_status),
                freshness.has(s.id)
                  ? [
                      ' ',
                      h(
                        'span',
                        { class: 'muted', dataset: { role: 'freshness', freshness: freshness.get(s.id)! } },
                        ctx.tk(`freshness_${freshness.get(s.id)}`),
                      ),
                    ]
                  : null,
                ' ',
                referralToggle(ctx, s.id, () => loadListing(ctx, s.id)),
              ),
            ),
          )
        : h('p', {}, t('consoleFindNone')),
    );
  const run = async () => {
    const ageValue = age.value.trim();
    remembered = {
      q: q.value,
      path: levels.map((l) => l.value).filter(Boolean),
      type: type.value,
      openAt: openAt.value,
      age: /^\d{1,3}$/.test(ageValue) && Number(ageValue) <= 120 ? ageValue : '',
      gender: gender.value,
      accessibility: checkedValues(form, 'accessibility'),
    };
    try {
      const matches = await matching(ctx, remembered);
      freshness = new Map(matches.map((m) => [m.id, m.verification.freshness]));
      // Without a filter: every published listing in scope, in the admin API's order.
      if (!filtered(remembered)) return show(published);
      const byId = new Map(published.map((s) => [s.id, s]));
      show(matches.map((m) => byId.get(m.id)).filter((s): s is ListingSummary => s !== undefined));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Words with nothing searchable in them ("?", "--") find nothing rather than fail.
      if (error.status === 400) return show([]);
      results.replaceChildren(h('p', { class: 'form-message' }, ctx.problemText(error)));
    }
  };

  const form = h(
    'form',
    { class: 'console-form find-form', dataset: { role: 'find' }, role: 'search' },
    field(t('consoleFindText'), q, { name: 'q' }),
    areaBox,
    field(t('filterType'), type, { name: 'type' }),
    field(t('consoleFindOpenAt'), openAt, { name: 'open_at', hint: t('consoleFindOpenAtHint') }),
    h(
      'fieldset',
      { class: 'find-eligibility' },
      h('legend', {}, t('eligibilityLabel')),
      h('p', { class: 'field__hint' }, t('consoleFindEligibilityHint')),
      field(t('filterAge'), age, { name: 'age' }),
      field(t('filterGender'), gender, { name: 'gender' }),
    ),
    access,
    h('button', { type: 'submit', class: 'button' }, t('searchButton')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  await run();
  return h(
    'section',
    { class: 'find' },
    h('h1', { tabindex: -1 }, t('consoleFindHeading')),
    h('p', {}, t('consoleFindIntro')),
    form,
    results,
  );
}
