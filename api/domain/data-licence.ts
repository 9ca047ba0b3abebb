/**
 * The licence the directory's own listings (services, organisations, contact routes, pathways) are
 * published under. Choosing it is the publisher's decision, not the code's: a deployment sets it in
 * wrangler.toml (`DATA_LICENCE`, an SPDX identifier), and every way the data leaves Masar in bulk
 * says it (the OpenAPI document, the HSDS root, the data package, a `Link` header on the feeds, the
 * about page). The boundaries and place names keep their own licences (`/api/v1/attribution`).
 */
export interface DataLicence {
  /** SPDX identifier, as set. */
  id: string;
  name: string;
  /** Where the licence's text is; null for an identifier this list does not know. */
  url: string | null;
}

/** Licences open-data publishers of directories commonly choose, by SPDX identifier. */
const KNOWN: Record<string, { name: string; url: string }> = {
  'CC-BY-4.0': {
    name: 'Creative Commons Attribution 4.0 International',
    url: 'https://creativecommons.org/licenses/by/4.0/',
  },
  'CC-BY-SA-4.0': {
    name: 'Creative Commons Attribution-ShareAlike 4.0 International',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/',
  },
  'CC0-1.0': {
    name: 'Creative Commons Zero v1.0 Universal',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
  },
  'ODbL-1.0': {
    name: 'Open Data Commons Open Database License v1.0',
    url: 'https://opendatacommons.org/licenses/odbl/1-0/',
  },
  'ODC-By-1.0': {
    name: 'Open Data Commons Attribution License v1.0',
    url: 'https://opendatacommons.org/licenses/by/1-0/',
  },
  'PDDL-1.0': {
    name: 'Open Data Commons Public Domain Dedication and License v1.0',
    url: 'https://opendatacommons.org/licenses/pddl/1-0/',
  },
};

export const KNOWN_DATA_LICENCES: readonly string[] = Object.keys(KNOWN);

/** What is said when a deployment has set no licence: reuse is not granted, not assumed. */
export const NO_DATA_LICENCE = 'No licence granted: ask the publisher before reusing the listings';

/**
 * The licence a deployment set, or null when it set none. An identifier this list does not know is
 * said as it was set, without a link, rather than dropped (a publisher's choice is not ours to undo).
 */
export function dataLicence(setting: string | undefined): DataLicence | null {
  const id = setting?.trim();
  if (!id) return null;
  const known = KNOWN[id];
  return known ? { id, ...known } : { id, name: id, url: null };
}

/** The licence as an OpenAPI 3.1 License Object (`name` required; `identifier` or `url`, not both). */
export function openApiLicence(licence: DataLicence | null): { name: string; identifier?: string } {
  return licence ? { name: licence.name, identifier: licence.id } : { name: NO_DATA_LICENCE };
}
