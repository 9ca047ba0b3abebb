// Area paths: the one home of area ancestry. Every area row carries its path, the P-codes from the
// country down to itself ("/IQ/IQG15/IQG15Q05/" is Mosul district in Ninewa, Iraq), so ancestry,
// "covers this area" and "governorate of" are string operations on the path, with no recursive
// query. The SQL forms of the same rules are in api/queries/area-paths.ts.
// A region sits on the path between the country and its governorates ("/IQ/IQ-KR/IQG11/IQG11Q02/"
// is Erbil district in the Kurdistan Region), so a service or pathway attached to the region covers
// everything inside it by the same prefix rule as any other area.
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
 * Whether a P-code is a region's: a grouping of first-level areas that is no OCHA administrative
 * level (the Kurdistan Region, "IQ-KR", above Erbil, Duhok and Sulaymaniyah). Its code is the
 * ISO 3166-2 code, whose hyphen no OCHA P-code ever has, so it can never collide with one and the
 * path alone tells a region from a governorate.
 */
export function isRegionCode(code: string): boolean {
  return code.includes('-');
}

/**
 * The P-codes from the country down to the governorate (departamento) an area lies in: the country,
 * any region, then the first code that is not a region's. A governorate is its own governorate; a
 * country or a region, being above every governorate, has none and stops at itself. A confidential
 * site discloses nothing finer than the governorate, and never only the region.
 */
function governorateCodes(path: string): string[] {
  const codes = pathCodes(path);
  const first = codes.findIndex((code, i) => i > 0 && !isRegionCode(code));
  return first === -1 ? codes : codes.slice(0, first + 1);
}

/**
 * The path of the governorate (departamento) an area lies in: "/IQ/IQG15/IQG15Q05/" → "/IQ/IQG15/",
 * "/IQ/IQ-KR/IQG11/IQG11Q02/" → "/IQ/IQ-KR/IQG11/". A governorate is its own; a country or a region,
 * having none, is its own too.
 */
export function governoratePath(path: string): string {
  return pathOf(governorateCodes(path));
}

/** The P-code of the governorate an area lies in: "/IQ/IQ-KR/IQG11/IQG11Q02/" → "IQG11" (a country's is its own). */
export function governorateCode(path: string): string {
  return governorateCodes(path).at(-1) ?? '';
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
