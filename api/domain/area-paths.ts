// Area paths: the one home of area ancestry. Every area row carries its path, the P-codes from the
// country down to itself ("/IQ/IQG15/IQG15Q05/" is Mosul district in Ninewa, Iraq), so ancestry,
// "covers this area" and "governorate of" are string operations on the path, with no recursive
// query. The SQL forms of the same rules are in api/queries/area-paths.ts.
// No imports and only erasable TypeScript: Node seed scripts import this file (through
// listing-index.ts).

/** The P-codes on a path, from the country down: "/IQ/IQG15/IQG15Q05/" → ["IQ", "IQG15", "IQG15Q05"]. */
export function pathCodes(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** The path of an area whose P-codes from the country down are `codes`. */
export function pathOf(codes: readonly string[]): string {
  return `/${codes.join('/')}/`;
}

/** The P-codes of an area's ancestors, from the country down: "/IQ/IQG15/IQG15Q05/" → ["IQ", "IQG15"]. */
export function ancestorCodes(path: string): string[] {
  return pathCodes(path).slice(0, -1);
}

/** The paths of an area's ancestors, from the country down: "/IQ/IQG15/IQG15Q05/" → ["/IQ/", "/IQ/IQG15/"]. */
export function ancestorPaths(path: string): string[] {
  const codes = pathCodes(path);
  return codes.slice(0, -1).map((_, i) => pathOf(codes.slice(0, i + 1)));
}

/**
 * How many P-codes the path of a first-level area has: the country and the governorate (Iraq) or
 * departamento (Guatemala). A confidential site discloses nothing finer than this level.
 */
export const GOVERNORATE_DEPTH = 2;

/**
 * The path of the governorate (departamento) an area lies in: "/IQ/IQG11/IQG11Q02/" → "/IQ/IQG11/".
 * A governorate is its own; a country, having none, is its own too.
 */
export function governoratePath(path: string): string {
  return pathOf(pathCodes(path).slice(0, GOVERNORATE_DEPTH));
}

/** The P-code of the governorate an area lies in: "/IQ/IQG11/IQG11Q02/" → "IQG11" (a country's is its own). */
export function governorateCode(path: string): string {
  return pathCodes(governoratePath(path)).at(-1) ?? '';
}

/** Whether the area at `outer` covers the area at `inner`: it is the area itself or one of its ancestors. */
export function covers(outer: string, inner: string): boolean {
  return inner.startsWith(outer);
}

/**
 * Whether a service covering `servicePath` is relevant in the area at `areaPath`: it covers the area
 * (a national hotline is relevant in every district) or serves a place inside it (a district's
 * shelter is relevant to its governorate's figures).
 */
export function relevantIn(servicePath: string, areaPath: string): boolean {
  return covers(servicePath, areaPath) || covers(areaPath, servicePath);
}

/**
 * The end of the range of an area's descendants: every path that starts with `path` sorts at or
 * after `path` and before this, so "the area and everything in it" is one index range.
 * U+10FFFF is the greatest code point, so no P-code character sorts after it.
 */
export function descendantsEnd(path: string): string {
  return `${path}\u{10FFFF}`;
}
