import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import mixedCsv from '../fixtures/import/mixed-spellings.csv?raw';
import arabicXlsx from '../fixtures/import/ninewa-arabic.xlsx.base64.txt?raw';
import { database } from '../../db/client.ts';
import { listingFacts } from '../../api/admin/edit/listing-index.ts';
import { deriveListing } from '../../api/domain/listing-index.ts';
import { one, rows, signedIn, type Client, uploadImport } from './support.ts';

const xlsxBytes = () => Uint8Array.from(atob(arabicXlsx.trim()), (c) => c.charCodeAt(0));

async function commit(client: Client, name: string, content: string | Uint8Array, fields: Record<string, string> = {}) {
  const dry = await uploadImport(client, name, content, fields);
  expect(dry.status).toBe(200);
  return uploadImport(client, name, content, { ...fields, dry_run: 'false', plan_hash: dry.body.plan_hash });
}

const directoryCounts = async () =>
  one<Record<string, number>>(
    'SELECT (SELECT count(*) FROM services) AS services, (SELECT count(*) FROM organisations) AS organisations, ' +
      '(SELECT count(*) FROM contact_routes) AS routes, (SELECT count(*) FROM change_log) AS changes, ' +
      '(SELECT count(*) FROM service_search) AS search, (SELECT count(*) FROM service_referral_details) AS referrals',
  );

const rowOf = (body: any, row: number) => body.rows.find((r: any) => r.row === row);

let admin: Client;
beforeAll(async () => {
  admin = await signedIn('admin');
});

describe('POST /api/v1/admin/imports: validating every row', () => {
  it('reports each row of a sheet with mixed spellings, and a dry run writes nothing', async () => {
    const before = await directoryCounts();
    const { status, body } = await uploadImport(admin, 'mixed.csv', mixedCsv);
    expect(status).toBe(200);
    expect(body.dry_run).toBe(true);
    expect(await directoryCounts()).toEqual(before);

    const mosul = rowOf(body, 2);
    expect(mosul.outcome).toBe('new');
    expect(mosul.changes).toContainEqual({ field: 'area_pcodes', old: null, new: ['IQG15Q05'] });
    expect(mosul.changes).toContainEqual({ field: 'phones', old: null, new: ['+9647700001234'] });
    expect(mosul.changes).toContainEqual({ field: 'opening_hours', old: null, new: 'Su-Th 08:00-14:00' });

    // A merged governorate name ("Ninawa / نينوى") and a short code in Arabic-Indic digits.
    const hotline = rowOf(body, 3);
    expect(hotline.outcome).toBe('new');
    expect(hotline.changes).toContainEqual({ field: 'area_pcodes', old: null, new: ['IQG15'] });
    expect(hotline.changes).toContainEqual({ field: 'phones', old: null, new: ['1122'] });
    expect(hotline.changes).toContainEqual({ field: 'opening_hours', old: null, new: '24/7' });
    expect(hotline.changes).toContainEqual({ field: 'languages', old: null, new: ['ar', 'ckb'] });

    expect(rowOf(body, 4)).toMatchObject({
      outcome: 'rejected',
      errors: [{ column: 'pcode', reason: 'no area has the P-code IQZZ99' }],
    });
    // The same number as row 2, written in international form.
    expect(rowOf(body, 5).outcome).toBe('rejected');
    expect(rowOf(body, 5).errors).toContainEqual({
      column: 'phones',
      reason: 'duplicate: +9647700001234 is also in row 2',
    });
    // The blank row 6 is skipped, not reported.
    expect(rowOf(body, 6)).toBeUndefined();

    // "San José" is a municipio of two departamentos: rejected, naming both.
    expect(rowOf(body, 7).outcome).toBe('rejected');
    expect(rowOf(body, 7).errors[0].column).toBe('district');
    expect(rowOf(body, 7).errors[0].reason).toMatch(/GT0509/);
    expect(rowOf(body, 7).errors[0].reason).toMatch(/GT1702/);

    // A governorate written in Kurdish, hours with Kurdish day names and Arabic-Indic digits.
    const duhok = rowOf(body, 8);
    expect(duhok.outcome).toBe('new');
    expect(duhok.changes).toContainEqual({ field: 'area_pcodes', old: null, new: ['IQG09'] });
    expect(duhok.changes).toContainEqual({ field: 'opening_hours', old: null, new: 'Su-Th 08:00-14:00' });
    expect(duhok.changes).toContainEqual({ field: 'phones', old: null, new: ['+9647502223344'] });

    // A phone already listed in the directory is a duplicate.
    const duplicate = rowOf(body, 9);
    expect(duplicate.outcome).toBe('rejected');
    expect(duplicate.errors[0]).toMatchObject({ column: 'phones' });
    expect(duplicate.errors[0].reason).toMatch(/\+9647700000101 is already listed/);
    expect(duplicate.warnings).toEqual([
      { column: 'hours', reason: '"mornings" could not be read as opening hours: left unknown' },
    ]);
    expect(rowOf(body, 10).errors).toContainEqual({
      column: 'phones',
      reason: '"12" is not a phone number or short code',
    });
    expect(body.counts).toEqual({ new: 3, changed: 0, unchanged: 0, rejected: 5 });
  });

  it('reads Spanish day names in a Guatemalan row', async () => {
    const csv =
      'organisation,service_type,pcode,phones,hours\nApoyo Mujer,mhpss,GT0101,2234 5678,lunes a viernes 8:00-16:00\n';
    const { body } = await uploadImport(admin, 'gt.csv', csv);
    expect(body.rows[0].outcome).toBe('new');
    expect(body.rows[0].changes).toContainEqual({ field: 'opening_hours', old: null, new: 'Mo-Fr 08:00-16:00' });
    expect(body.rows[0].changes).toContainEqual({ field: 'phones', old: null, new: ['+50222345678'] });
  });

  it('reads a cell our CSV export wrote with a quote before a formula as the text without that one quote', async () => {
    // As papaparse writes =, +, - cells with escapeFormulae; a quote before anything else is the text's own.
    const csv =
      'organisation,service_name,service_type,pcode,phones,eligibility\n' +
      `Quote Test Org,"'=SUM(1,2)",legal_aid,IQG15Q05,"'+964 770 111 2233","'quoted' words"\n`;
    const { body } = await uploadImport(admin, 'quoted.csv', csv);
    expect(body.rows[0].outcome, JSON.stringify(body.rows[0])).toBe('new');
    expect(body.rows[0].changes).toContainEqual({ field: 'phones', old: null, new: ['+9647701112233'] });
    expect(body.rows[0].changes).toContainEqual({ field: 'names', old: null, new: { en: '=SUM(1,2)' } });
    expect(body.rows[0].changes).toContainEqual({
      field: 'eligibility_note',
      old: null,
      new: { en: "'quoted' words" },
    });
  });

  it('rejects a row whose values spill past the last header or whose quoting is left open, and keeps trailing empty cells harmless', async () => {
    const csv =
      'organisation,service_type,pcode,languages,focal_point\n' +
      'Comma Org,legal_aid,IQG15Q05,Arabic, Kurdish,Focal point 1\n' +
      'Trailing Org,legal_aid,IQG15Q05,"Arabic, Kurdish",Focal point 2,,\n' +
      'Quote Org,legal_aid,IQG15Q05,"Arabic,Focal point 3\n';
    const { status, body } = await uploadImport(admin, 'spill.csv', csv);
    expect(status).toBe(200);
    const spilled = rowOf(body, 2);
    expect(spilled.outcome).toBe('rejected');
    expect(spilled.errors).toEqual([
      { column: 'row', reason: expect.stringContaining('past the last header (column 5)') },
    ]);
    expect(spilled.errors[0].reason).toContain('must be in double quotes');
    expect(rowOf(body, 3).outcome, JSON.stringify(rowOf(body, 3))).toBe('new');
    expect(rowOf(body, 3).changes).toContainEqual({ field: 'languages', old: null, new: ['ar', 'ckb'] });
    const open = rowOf(body, 4);
    expect(open.outcome).toBe('rejected');
    expect(open.errors[0].reason).toContain('quoting is broken');
  });

  it('reads an Arabic-headed XLSX sheet in a Worker, with Arabic hours and digits', async () => {
    const { status, body } = await uploadImport(admin, 'ninewa.xlsx', xlsxBytes());
    expect(status).toBe(200);
    expect(body.columns).toMatchObject({ organisation: 'اسم المنظمة', hours: 'أوقات العمل', phones: 'رقم الهاتف' });
    const first = rowOf(body, 2);
    expect(first.outcome).toBe('new');
    expect(first.changes).toContainEqual({ field: 'type_ids', old: null, new: ['mhpss'] });
    expect(first.changes).toContainEqual({ field: 'area_pcodes', old: null, new: ['IQG15Q05'] });
    expect(first.changes).toContainEqual({ field: 'opening_hours', old: null, new: 'Su-Th 08:00-14:00' });
    expect(first.changes).toContainEqual({ field: 'phones', old: null, new: ['+9647701112233'] });
    // Row 3 is blank; row 4 names its governorate in Kurdish.
    expect(rowOf(body, 4).changes).toContainEqual({ field: 'phones', old: null, new: ['104'] });
    expect(rowOf(body, 4).changes).toContainEqual({ field: 'area_pcodes', old: null, new: ['IQG09'] });
    expect(rowOf(body, 5).warnings[0].column).toBe('hours');
  });
});

describe('POST /api/v1/admin/imports: bad input', () => {
  it('names the field of a file that is not a sheet, an unknown mapping target and a missing column', async () => {
    const notXlsx = await uploadImport(admin, 'x.xlsx', 'just text');
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.errors[0]).toMatchObject({ name: 'file', reason: 'this is not an XLSX workbook' });
    const mapping = await uploadImport(admin, 'x.csv', 'a,b\n1,2\n', { mapping: JSON.stringify({ a: 'colour' }) });
    expect(mapping.status).toBe(400);
    expect(mapping.body.errors[0].name).toBe('mapping');
    const noColumns = await uploadImport(admin, 'x.csv', 'a,b\n1,2\n');
    expect(noColumns.status).toBe(400);
    expect(noColumns.body.errors[0].name).toBe('file');
    // Its header row comes back, so a person can say which column holds what.
    expect(noColumns.body.headers).toEqual(['a', 'b']);
    const noFormat = await uploadImport(admin, 'sheet.txt', 'a,b\n1,2\n');
    expect(noFormat.body.errors[0].name).toBe('format');
  });

  it('reads a sheet with other headers through a mapping', async () => {
    const csv = 'الجهة المنفذة,الخدمة المقدمة,pcode\nمنظمة النور,المساعدة القانونية,IQG15Q05\n';
    const mapping = JSON.stringify({ 'الجهة المنفذة': 'organisation', 'الخدمة المقدمة': 'service_type' });
    const { status, body } = await uploadImport(admin, 'mapped.csv', csv, { mapping });
    expect(status).toBe(200);
    expect(body.rows[0].outcome).toBe('new');
    expect(body.rows[0].changes).toContainEqual({ field: 'type_ids', old: null, new: ['legal_aid'] });
    expect(body.headers).toEqual(['الجهة المنفذة', 'الخدمة المقدمة', 'pcode']);
  });
});

describe('POST /api/v1/admin/imports: committing', () => {
  const sheet =
    'external_id,organisation,service_type,governorate,district,phones,hours,focal_point\n' +
    'C-1,Commit Test Org,legal_aid,Ninewa,Mosul,0770 400 0001,Sun-Thu 8:00-14:00,Ms. Focal\n' +
    'C-2,Commit Test Org,hotline,Ninewa,,0770 400 0002 / 139,24/7,\n';

  it('imports new listings as unverified drafts with their source, change log and search rows', async () => {
    const response = await commit(admin, 'commit.csv', sheet);
    expect(response.status).toBe(200);
    expect(response.body.counts).toEqual({ new: 2, changed: 0, unchanged: 0, rejected: 0 });
    const listing = await one<Record<string, string> & { id: string }>(
      "SELECT * FROM services WHERE external_id = 'C-1'",
    );
    expect(listing).toMatchObject({ status: 'draft', verification_status: 'unverified' });
    expect(listing.import_source).toMatch(/^commit\.csv, \d{4}-\d{2}-\d{2}$/);
    const routes = await rows('SELECT value, opening_hours FROM contact_routes WHERE service_id = ?', listing.id);
    expect(routes).toEqual([{ value: '+9647704000001', opening_hours: 'Su-Th 08:00-14:00' }]);
    const logged = await rows<{ entity: string; reason: string }>(
      'SELECT entity, reason FROM change_log WHERE service_id = ? ORDER BY id',
      listing.id,
    );
    expect(logged.map((r) => r.entity)).toEqual(['service', 'referral', 'contact_route']);
    expect(logged.every((r) => r.reason === 'import from commit.csv')).toBe(true);
    const focal = await one<{ focal_point: string }>(
      'SELECT focal_point FROM service_referral_details WHERE service_id = ?',
      listing.id,
    );
    expect(JSON.parse(focal.focal_point)).toEqual({ en: 'Ms. Focal' });
    // Its derived rows are exactly what the one builder makes of its facts (a draft has no search row).
    const facts = (await listingFacts(database(env.DB), listing.id))!;
    const derived = deriveListing(facts.facts);
    expect(derived.search).toBeNull();
    expect(await rows('SELECT body FROM service_search WHERE service_id = ?', listing.id)).toEqual([]);
    expect(derived.coverage).toEqual(['/IQ/IQG15/IQG15Q05/']);
    const coverage = await rows('SELECT area_path FROM service_coverage WHERE service_id = ?', listing.id);
    expect(coverage).toEqual([{ area_path: '/IQ/IQG15/IQG15Q05/' }]);
  });

  it('changes nothing when the same sheet is imported again', async () => {
    const before = await directoryCounts();
    const again = await commit(admin, 'commit.csv', sheet);
    expect(again.body.counts).toEqual({ new: 0, changed: 0, unchanged: 2, rejected: 0 });
    expect(await directoryCounts()).toEqual(before);
  });

  it('shows a changed field from old to new, and writes it to the change log', async () => {
    const changed = sheet.replace('Sun-Thu 8:00-14:00', 'Sun-Thu 9:00-15:00');
    const dry = await uploadImport(admin, 'commit.csv', changed);
    expect(dry.body.rows[0].outcome).toBe('changed');
    expect(dry.body.rows[0].changes).toEqual([
      { field: '+9647704000001: opening_hours', old: 'Su-Th 08:00-14:00', new: 'Su-Th 09:00-15:00' },
    ]);
    const done = await uploadImport(admin, 'commit.csv', changed, { dry_run: 'false', plan_hash: dry.body.plan_hash });
    expect(done.status).toBe(200);
    const route = await one<{ opening_hours: string }>(
      "SELECT opening_hours FROM contact_routes WHERE value = '+9647704000001'",
    );
    expect(route.opening_hours).toBe('Su-Th 09:00-15:00');
  });

  it('refuses a commit whose plan differs from the dry run, and one with rejected rows', async () => {
    const dry = await uploadImport(admin, 'plan.csv', sheet.replace(/C-/g, 'P-').replace(/0770 400/g, '0770 401'));
    const other = await uploadImport(admin, 'plan.csv', sheet.replace(/C-/g, 'Q-').replace(/0770 400/g, '0770 402'), {
      dry_run: 'false',
      plan_hash: dry.body.plan_hash,
    });
    expect(other.status).toBe(409);
    const before = await directoryCounts();
    const bad = await commit(
      admin,
      'bad.csv',
      sheet
        .replace(/C-/g, 'B-')
        .replace(/0770 400/g, '0770 403')
        .replace('139', '1444') + 'B-3,X,legal_aid,,,,,\n',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ name: 'file' });
    expect(bad.body.errors[0].reason).toMatch(/^row 4: /);
    expect(await directoryCounts()).toEqual(before);
  });

  it('leaves the directory exactly as it was when a late row fails at write time', async () => {
    const late = sheet
      .replace(/C-/g, 'L-')
      .replace(/0770 400/g, '0770 404')
      .replace('139', '1100');
    const dry = await uploadImport(admin, 'late.csv', late);
    expect(dry.body.counts.new).toBe(2);
    await env.DB.prepare(
      "CREATE TRIGGER fail_late_row BEFORE INSERT ON contact_routes WHEN NEW.value = '1100' " +
        "BEGIN SELECT RAISE(ABORT, 'late row refused'); END",
    ).run();
    try {
      const before = await directoryCounts();
      const done = await uploadImport(admin, 'late.csv', late, { dry_run: 'false', plan_hash: dry.body.plan_hash });
      expect(done.status).toBe(409);
      expect(await directoryCounts()).toEqual(before);
      expect(await one("SELECT count(*) AS n FROM services WHERE external_id LIKE 'L-%'")).toEqual({ n: 0 });
    } finally {
      await env.DB.prepare('DROP TRIGGER fail_late_row').run();
    }
  });
});

describe('POST /api/v1/admin/imports: who may import where', () => {
  const csv =
    'organisation,service_type,pcode,phones\n' +
    'Scope Org,legal_aid,IQG15Q05,0770 500 0001\n' +
    'Scope Org,legal_aid,IQG11,0770 500 0002\n';

  it('rejects the rows outside a coordinator’s areas, with that reason', async () => {
    const coordinator = await signedIn('coordinator', { areas: ['IQG15'] });
    const { status, body } = await uploadImport(coordinator, 'scope.csv', csv);
    expect(status).toBe(200);
    expect(body.rows[0].outcome).toBe('new');
    expect(body.rows[1]).toMatchObject({
      outcome: 'rejected',
      errors: [{ column: 'governorate', reason: 'IQG11 is outside your areas' }],
    });
  });

  it('refuses editors and caseworkers', async () => {
    for (const role of ['editor', 'caseworker'] as const) {
      const client = await signedIn(role);
      const { status } = await uploadImport(client, 'scope.csv', csv);
      expect(status).toBe(403);
    }
  });
});
