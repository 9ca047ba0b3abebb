// Turns plain objects into SQL for the seed. Seed SQL is executed by `wrangler d1 execute --file`
// locally and by D1's batch API in tests, so it must be plain statements without bound parameters.

/** A SQL literal for a JS value: null, number, boolean (0/1), string, or JSON for objects/arrays. */
export function sqlValue(value) {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replaceAll("'", "''")}'`;
}

/** `INSERT INTO table (col, …) VALUES (…)` for one row given with snake_case column names. */
export function insertRow(table, row) {
  const columns = Object.keys(row);
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => sqlValue(row[c])).join(', ')});`;
}
