// The pathways sheet: GET /api/v1/admin/exports/pathways.csv (one row per step) and its JSON twin
// take `status`; a sheet imported into an empty directory exports again byte for byte, drafts and
// the steps' practitioner-only details included.
import { exports } from 'cloudflare:workers';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyDirectory } from './hsds-roundtrip.ts';
import { one, ORIGIN, signedIn, uploadImport, type Client } from './support.ts';

const COLUMNS = [
  'language',
  'pathway_id',
  'pathway_name',
  'pathway_description',
  'concern',
  'area_pcode',
  'pathway_status',
  'verification_status',
  'last_verified_at',
  'next_verification_due',
  'source_description',
  'source_url',
  'source_date',
  'sample',
  'step_id',
  'step_position',
  'step_kind',
  'step_title',
  'step_what_happens',
  'step_what_to_bring',
  'step_choices',
  'step_choice_notes',
  'step_what_next',
  'step_service_ids',
  'step_service_types',
  'step_focal_point',
  'step_intake_route',
];

const MOSUL = 'IQG15Q05';
const ERBIL_DISTRICT = 'IQG11Q02';
const ids = {
  mosul: '0b6f6a8e-5c1d-4f0e-9a51-000000000001',
  erbil: '0b6f6a8e-5c1d-4f0e-9a51-000000000002',
  empty: '0b6f6a8e-5c1d-4f0e-9a51-000000000003',
  step: (n: number) => `5d0c3e1a-7b2f-4c8d-8e6a-00000000000${n}`,
};

/** A sheet as a maintainer would write it: three draft pathways, one without steps yet. */
function sheet(concern: string): string {
  const pathway = (id: string, name: string, pcode: string, facts: string[]) => [
    'en',
    id,
    name,
    `How to get help in ${name}, step by step.`,
    concern,
    pcode,
    'draft',
    ...facts,
  ];
  const unverified = ['unverified', '', '', 'Sub-cluster mapping, November', '', '2026-11-20', 'false'];
  const verified = [
    'verified',
    '2026-11-01T09:00:00.000Z',
    '2027-02-01T09:00:00.000Z',
    'Checked with the focal points',
    'https://example.org/pathways',
    '2026-11-01',
    'false',
  ];
  const noStep = Array<string>(13).fill('');
  const data = [
    [
      ...pathway(ids.mosul, 'Mosul: after an assault', MOSUL, unverified),
      ids.step(1),
      '1',
      'get_safe_now',
      'Get somewhere safe',
      'A case worker meets you, with a woman present if you ask.',
      'Nothing: come as you are',
      'anonymous female_officer',
      'anonymous: You need not give your name\nfemale_officer: Ask at the front desk, "for the women\'s desk"',
      'Then the health centre',
      '',
      'legal_aid',
      'Ms. Huda, 0770 123 4567',
      'Call first; walk-ins on Sundays',
    ],
    [
      ...pathway(ids.mosul, 'Mosul: after an assault', MOSUL, unverified),
      ids.step(2),
      '2',
      'talk_to_someone',
      'Talk to someone',
      // Texts a spreadsheet would run as formulas: the sheet holds them after one quote.
      '=HYPERLINK("https://example.org/book","Book a session")',
      '- an ID card, if you have one\n- a phone to call back on',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ],
    [
      ...pathway(ids.erbil, 'Erbil: legal help', ERBIL_DISTRICT, verified),
      ids.step(3),
      '1',
      'report',
      'Report, if you choose to',
      'The family protection unit takes the report; someone may come with you.',
      'An ID card, if you have one',
      'someone_with_you',
      '',
      '',
      '',
      'legal_aid',
      '+964 750 765 4321',
      'Through the legal aid desk only',
    ],
    [...pathway(ids.empty, 'Mosul: a pathway being written', MOSUL, unverified), ...noStep],
  ];
  // As the export writes it: a cell starting with = + - @, a tab or a carriage return (of any number
  // of lines) after one ' so that no spreadsheet runs it (papaparse's escapeFormulae).
  return `${Papa.unparse({ fields: COLUMNS, data }, { escapeFormulae: /^[=+\-@\t\r]/ })}\r\n`;
}

let admin: Client;
beforeAll(async () => {
  admin = await signedIn('admin');
});

const ALL = 'published,draft,withdrawn';

describe('GET /api/v1/admin/exports/pathways.csv', () => {
  it('a sheet imported into an empty directory exports again byte for byte, drafts and practitioner-only details included', async () => {
    const { id: concern } = await one<{ id: string }>('SELECT id FROM concerns ORDER BY id LIMIT 1');
    const text = sheet(concern);
    await emptyDirectory({ withPathways: true });

    const dry = await uploadImport(admin, 'pathways.csv', text);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.counts).toEqual({ new: 3, changed: 0, unchanged: 0, rejected: 0 });
    // Each pathway is reported at the sheet row where it begins (the header is row 1).
    expect(dry.body.rows.map((r: { row: number }) => r.row)).toEqual([2, 4, 5]);
    const commit = await uploadImport(admin, 'pathways.csv', text, { dry_run: 'false', plan_hash: dry.body.plan_hash });
    expect(commit.status, JSON.stringify(commit.body)).toBe(200);

    const exported = await admin.get(`/exports/pathways.csv?status=${ALL}&lang=en`);
    expect(exported.status, exported.text).toBe(200);
    expect(exported.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(exported.text).toBe(text);
    // The practitioner-only details came back from the directory, not from the file.
    expect(await one('SELECT focal_point FROM pathway_step_referral_details WHERE step_id = ?', ids.step(1))).toEqual({
      focal_point: JSON.stringify({ en: 'Ms. Huda, 0770 123 4567' }),
    });

    // The sheet's quote before a formula is not part of the text: the directory holds the text as typed.
    expect(text).toContain(`"'=HYPERLINK(""https://example.org/book"",""Book a session"")"`);
    expect(text).toContain(`"'- an ID card`);
    expect(text).toContain(`"'+964 750 765 4321"`);
    expect(await one('SELECT what_happens, what_to_bring FROM pathway_steps WHERE id = ?', ids.step(2))).toEqual({
      what_happens: JSON.stringify({ en: '=HYPERLINK("https://example.org/book","Book a session")' }),
      what_to_bring: JSON.stringify({ en: '- an ID card, if you have one\n- a phone to call back on' }),
    });
    expect(await one('SELECT focal_point FROM pathway_step_referral_details WHERE step_id = ?', ids.step(3))).toEqual({
      focal_point: JSON.stringify({ en: '+964 750 765 4321' }),
    });

    // Imported pathways are drafts: the default export (published only) has the header alone.
    expect((await admin.get('/exports/pathways.csv?lang=en')).text).toBe(`${COLUMNS.join(',')}\r\n`);
    // The same sheet again changes nothing.
    const again = await uploadImport(admin, 'pathways.csv', text);
    expect(again.body.counts).toEqual({ new: 0, changed: 0, unchanged: 3, rejected: 0 });
  });

  it('refuses a pathways sheet with a row spilled past its last header, naming the row, and writes nothing', async () => {
    const { id: concern } = await one<{ id: string }>('SELECT id FROM concerns ORDER BY id LIMIT 1');
    const lines = sheet(concern).split('\r\n');
    // An unquoted comma in a row's first cell shifts each later value one column to the right; it
    // shows when the row's last column holds a value (an empty last cell would hide the shift).
    const last = lines.findLastIndex((line, i) => i > 0 && line !== '' && !line.endsWith(','));
    expect(last).toBeGreaterThan(0);
    lines[last] = `x,${lines[last]}`;
    const before = await one('SELECT count(*) AS n FROM pathways');
    const dry = await uploadImport(admin, 'pathways.csv', lines.join('\r\n'));
    expect(dry.status, JSON.stringify(dry.body)).toBe(400);
    expect(dry.body.errors[0]).toMatchObject({
      name: 'file',
      reason: expect.stringContaining(`row ${last + 1} has 1 value past the last header`),
    });
    expect(await one('SELECT count(*) AS n FROM pathways')).toEqual(before);

    // Blank cells past the last header, spaces included, as spreadsheets write them, are harmless.
    const padded = sheet(concern).split('\r\n');
    padded[0] = `${padded[0]}, `;
    padded[last] = `${padded[last]},  ,`;
    const fine = await uploadImport(admin, 'pathways.csv', padded.join('\r\n'));
    expect(fine.status, JSON.stringify(fine.body)).toBe(200);
  });

  it('gives drafts only where the caller may edit them, and refuses a status it does not know', async () => {
    // The three draft pathways of the sheet imported above.
    const drafts = await admin.get(`/exports/pathways.json?status=draft`);
    expect(drafts.status).toBe(200);
    expect(drafts.body.map((p: { id: string }) => p.id).sort()).toEqual([ids.mosul, ids.erbil, ids.empty].sort());
    expect(drafts.body.every((p: { status: string }) => p.status === 'draft')).toBe(true);

    // A coordinator of Ninewa edits the Mosul drafts only; the Erbil draft is not theirs.
    const ninewa = await signedIn('coordinator', { areas: ['IQG15'] });
    const own = await ninewa.get(`/exports/pathways.json?status=${ALL}`);
    expect(own.status, own.text).toBe(200);
    const ownIds = own.body.map((p: { id: string }) => p.id);
    expect(ownIds).toContain(ids.mosul);
    expect(ownIds).not.toContain(ids.erbil);
    // A coordinator of no area edits no pathway: asking for drafts is refused, naming the parameter.
    const nowhere = await signedIn('coordinator', { areas: [] });
    const refused = await nowhere.get('/exports/pathways.csv?status=draft');
    expect(refused.status).toBe(403);
    expect(refused.body.errors.map((e: { name: string }) => e.name)).toEqual(['status']);
    expect((await nowhere.get('/exports/pathways.csv')).status).toBe(200);

    const unknown = await admin.get('/exports/pathways.csv?status=published,archived');
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('Content-Type')).toContain('application/problem+json');
    expect(unknown.body.errors).toEqual([
      { in: 'query', name: 'status', reason: 'archived: not a status (draft, published, withdrawn)' },
    ]);
    // Those who do not look after pathways get no export at all; the public file has no drafts to ask for.
    expect((await (await signedIn('caseworker')).get('/exports/pathways.csv?status=draft')).status).toBe(403);
    const anonymous = await exports.default.fetch(`${ORIGIN}/api/v1/exports/hsds/pathways.json?status=draft`);
    expect(anonymous.status).toBe(400);
    expect(((await anonymous.json()) as { errors: Array<{ name: string }> }).errors.map((e) => e.name)).toEqual([
      'status',
    ]);
  });
});
