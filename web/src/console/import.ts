/**
 * Importing a service-mapping sheet (CSV or XLSX), for coordinators and admins: check it first
 * (the API's dry run: what would be new, changed, unchanged or rejected, field by field), map
 * columns the API did not recognise, then commit with the dry run's plan hash, so what is written
 * is exactly what was shown, or nothing. The commit goes in two steps, announced as they go: the
 * writes are staged (POST /imports/runs), then applied in one transaction (…/runs/{run_id}/commit),
 * so a sheet of thousands of rows commits as surely as a short one.
 */
import { ApiError } from './api.ts';
import type { ConsoleContext } from './context.ts';
import { field, h, ltr, replaceChildren, select, uid } from './dom.ts';
import { IMPORT_FIELDS } from '../../../api/admin/import/columns.ts';

/**
 * The answer of POST /imports (ImportResult in api/admin/schemas/imports.ts), written out here:
 * that schema's module reaches the database layer, which the browser build does not type.
 */
interface Issue {
  column: string;
  reason: string;
}
interface Outcome {
  row: number;
  outcome: 'new' | 'changed' | 'unchanged' | 'rejected';
  service_id: string | null;
  external_id: string | null;
  name: string | null;
  changes: Array<{ field: string; old: unknown; new: unknown }>;
  errors: Issue[];
  warnings: Issue[];
}
interface Result {
  dry_run: boolean;
  committed: boolean;
  plan_hash: string;
  counts: Record<Outcome['outcome'], number>;
  headers: string[];
  columns: Record<string, string>;
  rows: Outcome[];
}

/** A value of the diff as short text: lists joined, texts per language, nothing as a dash. */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && !v.length))
      .map(([k, v]) => `${k}: ${valueText(v)}`)
      .join('; ');
  }
  return String(value);
}

export function importScreen(ctx: ConsoleContext): HTMLElement {
  const { t } = ctx;
  const fieldName = (f: string) => (ctx.has(`consoleImportField_${f}`) ? ctx.tk(`consoleImportField_${f}`) : f);

  const file = h('input', {
    type: 'file',
    name: 'file',
    accept: '.csv,.xlsx,.json,.zip,text/csv,application/json,application/zip',
    required: true,
  });
  const mappingBox = h('div', { dataset: { role: 'import-mapping' } });
  const message = h('p', { class: 'form-message', role: 'alert', dataset: { role: 'import-message' } });
  const check = h('button', { type: 'submit', class: 'button' }, t('consoleImportCheck'));
  const results = h('div', { dataset: { role: 'import-results' } });
  /** Header → field chosen by the person for the columns the API did not recognise. */
  const choices = new Map<string, HTMLSelectElement>();
  /** What the shown dry run was made from: the commit sends exactly this. */
  let checked: { file: File; mapping: string; planHash: string } | null = null;

  const mapping = () => {
    const chosen = [...choices].filter(([, s]) => s.value).map(([header, s]) => [header, s.value]);
    return chosen.length ? JSON.stringify(Object.fromEntries(chosen)) : '';
  };

  const table = (label: string, role: string, head: string[], rows: HTMLElement[]) =>
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': label, dataset: { role } },
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

  /** The columns found: recognised ones as text, the others with a choice of field. */
  function drawMapping(headers: string[], recognised: Record<string, string>) {
    const fieldOf = new Map(Object.entries(recognised).map(([f, header]) => [header, f]));
    const previous = new Map([...choices].map(([header, s]) => [header, s.value]));
    choices.clear();
    const options: Array<[string, string]> = [
      ['', t('consoleImportNotImported')],
      ...IMPORT_FIELDS.map((f): [string, string] => [f, fieldName(f)]),
    ];
    const rows = headers
      .filter((header) => header !== '')
      .map((header) => {
        const known = fieldOf.get(header);
        let cell: HTMLElement;
        if (known && !previous.get(header)) cell = h('td', {}, fieldName(known));
        else {
          const id = uid('map');
          const choice = select('mapping', options, previous.get(header) ?? '', { id, 'aria-label': header });
          choices.set(header, choice);
          cell = h('td', {}, choice);
        }
        return h('tr', {}, h('th', { scope: 'row' }, header), cell);
      });
    mappingBox.replaceChildren(
      h('h2', {}, t('consoleImportColumns')),
      h('p', { class: 'field__hint' }, t('consoleImportColumnsIntro')),
      table(
        t('consoleImportColumns'),
        'import-columns',
        [t('consoleImportSheetColumn'), t('consoleImportOurField')],
        rows,
      ),
    );
  }

  const row = (n: number) => h('td', {}, ctx.number(n));
  const column = (name: string) => (IMPORT_FIELDS.includes(name as never) ? fieldName(name) : name);
  /** The API's reasons are its own English words, for the sheet's author to find the cell. */
  const reason = (text: string) => h('td', { lang: 'en', dir: 'ltr' }, text);

  function drawResult(result: Result) {
    const by = (o: Outcome['outcome']) => result.rows.filter((r) => r.outcome === o);
    const counts = h(
      'dl',
      { class: 'facts', dataset: { role: 'import-counts' } },
      (['new', 'changed', 'unchanged', 'rejected'] as const).map((o) => [
        h('dt', {}, ctx.tk(`consoleImportCount_${o}`)),
        h('dd', { dataset: { count: o } }, ctx.number(result.counts[o])),
      ]),
    );
    const rejected = by('rejected').flatMap((r) =>
      r.errors.map((e) => h('tr', {}, row(r.row), h('td', {}, column(e.column)), reason(e.reason))),
    );
    const changed = by('changed').flatMap((r) =>
      r.changes.map((c) => {
        // A contact route's field is named "<number>: <field>".
        const [route, name] = c.field.includes(': ') ? c.field.split(': ') : [null, c.field];
        return h(
          'tr',
          {},
          row(r.row),
          h('td', {}, r.name ?? ''),
          h('td', {}, route ? [ltr(route), ' '] : null, ctx.fieldLabel(name!)),
          h('td', {}, ltr(valueText(c.old))),
          h('td', {}, ltr(valueText(c.new))),
        );
      }),
    );
    const added = by('new').map((r) => h('tr', {}, row(r.row), h('td', {}, r.name ?? '')));
    const warnings = result.rows.flatMap((r) =>
      r.warnings.map((w) => h('tr', {}, row(r.row), h('td', {}, column(w.column)), reason(w.reason))),
    );
    const section = (title: string, body: HTMLElement) => [h('h3', {}, title), body];
    const head = [t('consoleImportRow'), t('consoleImportColumn'), t('consoleImportReason')];
    const writes = result.counts.new + result.counts.changed;
    const commit = h(
      'button',
      { type: 'button', class: 'button', dataset: { role: 'import-commit' } },
      t('consoleImportCommit'),
    );
    commit.addEventListener('click', () => void commitImport(commit));
    replaceChildren(
      results,
      h('h2', { tabindex: -1 }, t('consoleImportSummary')),
      counts,
      rejected.length
        ? section(t('consoleImportRejected'), table(t('consoleImportRejected'), 'import-rejected', head, rejected))
        : null,
      changed.length
        ? section(
            t('consoleImportChanged'),
            table(
              t('consoleImportChanged'),
              'import-changed',
              [
                t('consoleImportRow'),
                t('consoleImportListing'),
                t('consoleImportField'),
                t('consoleImportBefore'),
                t('consoleImportAfter'),
              ],
              changed,
            ),
          )
        : null,
      added.length
        ? section(
            t('consoleImportNew'),
            table(t('consoleImportNew'), 'import-new', [t('consoleImportRow'), t('consoleImportListing')], added),
          )
        : null,
      warnings.length
        ? section(t('consoleImportWarnings'), table(t('consoleImportWarnings'), 'import-warnings', head, warnings))
        : null,
      rejected.length || warnings.length ? h('p', { class: 'field__hint' }, t('consoleImportReasonsInEnglish')) : null,
      result.counts.rejected
        ? h('p', { class: 'form-message' }, t('consoleImportFixRejected'))
        : writes
          ? h('p', {}, t('consoleImportCommitIntro'), ' ', commit)
          : h('p', {}, t('consoleImportNothingToDo')),
    );
  }

  function send(dryRun: boolean, source: { file: File; mapping: string; planHash?: string }) {
    const body = new FormData();
    body.set('file', source.file, source.file.name);
    if (source.mapping) body.set('mapping', source.mapping);
    body.set('dry_run', String(dryRun));
    if (source.planHash) body.set('plan_hash', source.planHash);
    return ctx.api.post<Result>('/imports', body);
  }

  function stage(source: { file: File; mapping: string; planHash?: string }) {
    const body = new FormData();
    body.set('file', source.file, source.file.name);
    if (source.mapping) body.set('mapping', source.mapping);
    body.set('plan_hash', source.planHash ?? '');
    return ctx.api.post<{ run_id: string }>('/imports/runs', body);
  }

  /** A refusal in the console's words; the API's own reason, when it names the file, after it. */
  function refused(error: ApiError, committing: boolean) {
    const p = error.problem;
    if (p.status === 409) return t('consoleImportChangedSince');
    if (p.status === 400 && committing) return t('consoleImportRefused');
    if (p.status === 400) {
      const names = new Set((p.errors ?? []).map((e) => e.name));
      if (names.has('file') || names.has('format')) return t('consoleImportBadFile');
      if (names.has('mapping')) return t('consoleImportBadMapping');
    }
    return ctx.problemText(error);
  }

  function showError(text: string, detail?: string) {
    replaceChildren(message, text, detail ? [' ', h('span', { lang: 'en', dir: 'ltr' }, detail)] : null);
    ctx.announce(text, 'error');
  }

  async function dryRun(event: Event) {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return showError(t('consoleImportChooseFile'));
    message.replaceChildren();
    results.replaceChildren();
    checked = null;
    check.disabled = true;
    ctx.announce(t('consoleImportChecking'));
    const source = { file: chosen, mapping: mapping() };
    try {
      const { data } = await send(true, source);
      checked = { ...source, planHash: data.plan_hash };
      drawMapping(data.headers, data.columns);
      drawResult(data);
      ctx.announce(
        t('consoleImportChecked', {
          new: ctx.number(data.counts.new),
          changed: ctx.number(data.counts.changed),
          rejected: ctx.number(data.counts.rejected),
        }),
      );
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const p = error.problem;
      if (p.status === 400 && p.headers) {
        // No column for the organisation or the service type: let the person say which it is.
        drawMapping(p.headers, {});
        showError(t('consoleImportMissingColumns'));
      } else showError(refused(error, false), p.errors?.[0]?.reason);
    } finally {
      check.disabled = false;
    }
  }

  async function commitImport(button: HTMLButtonElement) {
    if (!checked) return;
    button.disabled = true;
    message.replaceChildren();
    try {
      ctx.announce(t('consoleImportStaging'));
      replaceChildren(message, t('consoleImportStaging'));
      const { data: run } = await stage(checked);
      ctx.announce(t('consoleImportCommitting'));
      replaceChildren(message, t('consoleImportCommitting'));
      const { data } = await ctx.api.post<{ counts: Result['counts'] }>(`/imports/runs/${run.run_id}/commit`);
      message.replaceChildren();
      checked = null;
      const done = t('consoleImportCommitted', {
        new: ctx.number(data.counts.new),
        changed: ctx.number(data.counts.changed),
      });
      results.replaceChildren(
        h('h2', { tabindex: -1 }, t('consoleImportDone')),
        h('p', { dataset: { role: 'import-committed' } }, done),
        h('p', {}, h('a', { href: '#/' }, t('consoleNavQueue'))),
      );
      results.querySelector('h2')?.focus();
      ctx.announce(done);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showError(refused(error, true));
      button.disabled = false;
    }
  }

  // A changed file or mapping makes the shown check stale: it must be run again before a commit.
  const stale = () => {
    checked = null;
    results.replaceChildren();
  };
  file.addEventListener('change', () => {
    choices.clear();
    mappingBox.replaceChildren();
    stale();
  });
  mappingBox.addEventListener('change', stale);

  const form = h(
    'form',
    { class: 'console-form', dataset: { role: 'import-form' } },
    field(t('consoleImportFile'), file, { hint: t('consoleImportFileHint') }),
    mappingBox,
    message,
    check,
  );
  form.addEventListener('submit', (event) => void dryRun(event));
  return h(
    'section',
    { class: 'import' },
    h('h1', { tabindex: -1 }, t('consoleImportHeading')),
    h('p', {}, t('consoleImportIntro')),
    form,
    results,
  );
}
