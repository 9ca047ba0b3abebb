/**
 * Grows the directory with synthetic published services spread over the districts, for cost
 * tests and benchmarks. Returns the ids, so a test can remove them again.
 */
export async function growDirectory(db: D1Database, count: number, { exceptPathPrefix = '' } = {}): Promise<string[]> {
  const areas = await db
    .prepare("SELECT pcode, path FROM areas WHERE level = 2 AND (? = '' OR path NOT LIKE ? || '%') ORDER BY pcode")
    .bind(exceptPathPrefix, exceptPathPrefix)
    .all<{ pcode: string; path: string }>();
  const org = await db.prepare('SELECT id FROM organisations LIMIT 1').first<{ id: string }>();
  const ids: string[] = [];
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < count; i++) {
    const id = crypto.randomUUID();
    const area = areas.results[i % areas.results.length]!;
    ids.push(id);
    statements.push(
      db
        .prepare(
          'INSERT INTO services (id, organisation_id, status, names, country, sort_name, verification_status) ' +
            "VALUES (?, ?, 'published', ?, ?, ?, 'unverified')",
        )
        .bind(
          id,
          org!.id,
          JSON.stringify({ en: `Synthetic service ${i}` }),
          area.pcode.slice(0, 2),
          `synthetic service ${i}`,
        ),
      db.prepare("INSERT INTO service_type_assignments (service_id, service_type_id) VALUES (?, 'legal_aid')").bind(id),
      db
        .prepare(
          'INSERT INTO contact_routes (id, service_id, kind, value, opening_hours) ' +
            "VALUES (?, ?, 'phone', '+9647700000000', 'Su-Th 08:00-14:00')",
        )
        .bind(crypto.randomUUID(), id),
      db.prepare('INSERT INTO service_areas (service_id, area_pcode) VALUES (?, ?)').bind(id, area.pcode),
      db.prepare('INSERT INTO service_coverage (service_id, area_path) VALUES (?, ?)').bind(id, area.path),
    );
  }
  for (let i = 0; i < statements.length; i += 400) await db.batch(statements.slice(i, i + 400));
  return ids;
}

/** Removes what growDirectory added. */
export async function shrinkDirectory(db: D1Database, ids: string[]): Promise<void> {
  const list = JSON.stringify(ids);
  await db.batch(
    ['service_coverage', 'service_type_assignments', 'contact_routes', 'service_areas']
      .map((table) =>
        db.prepare(`DELETE FROM ${table} WHERE service_id IN (SELECT value FROM json_each(?))`).bind(list),
      )
      .concat(db.prepare('DELETE FROM services WHERE id IN (SELECT value FROM json_each(?))').bind(list)),
  );
}
