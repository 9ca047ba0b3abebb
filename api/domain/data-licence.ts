/**
 * The licence the directory's own listings (services, organisations, contact routes, pathways) are
 * published under. Choosing it is the publisher's decision, not the code's: a deployment sets it in
 * wrangler.toml (`DATA_LICENCE`, an SPDX identifier), and every way the data leaves Masar in bulk
 * says it (the OpenAPI document, the HSDS root, the data package, a `Link` header on the feeds, the
 * about page). The boundaries and place names keep their own licences (`/api/v1/attribution`).
 */
export interface DataLicence {
  /** SPDX identifier, as this list spells it (or as set, for one it does not know). */
  id: string;
  name: string;
  /** Where the licence's text is; null for an identifier this list does not know. */
  url: string | null;
  /**
   * Its Open Definition identifier, which a data package's `licenses[].name` takes (it differs from
   * SPDX's for the Open Data Commons licences); null for one this list does not know.
   */
  openDefinitionId: string | null;
  /** Whether reusers must credit the publisher; null when this list does not know the licence. */
  requiresCredit: boolean | null;
}

type Known = Omit<DataLicence, 'id'>;

/** Licences open-data publishers of directories commonly choose, by SPDX identifier. */
const KNOWN: Record<string, Known> = {
  'CC-BY-4.0': {
    name: 'Creative Commons Attribution 4.0 International',
    url: 'https://creativecommons.org/licenses/by/4.0/',
    openDefinitionId: 'CC-BY-4.0',
    requiresCredit: true,
  },
  'CC-BY-SA-4.0': {
    name: 'Creative Commons Attribution-ShareAlike 4.0 International',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/',
    openDefinitionId: 'CC-BY-SA-4.0',
    requiresCredit: true,
  },
  'CC0-1.0': {
    name: 'Creative Commons Zero v1.0 Universal',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    openDefinitionId: 'CC0-1.0',
    requiresCredit: false,
  },
  'ODbL-1.0': {
    name: 'Open Data Commons Open Database License v1.0',
    url: 'https://opendatacommons.org/licenses/odbl/1-0/',
    openDefinitionId: 'ODC-ODbL-1.0',
    requiresCredit: true,
  },
  'ODC-By-1.0': {
    name: 'Open Data Commons Attribution License v1.0',
    url: 'https://opendatacommons.org/licenses/by/1-0/',
    openDefinitionId: 'ODC-BY-1.0',
    requiresCredit: true,
  },
  'PDDL-1.0': {
    name: 'Open Data Commons Public Domain Dedication and License v1.0',
    url: 'https://opendatacommons.org/licenses/pddl/1-0/',
    openDefinitionId: 'ODC-PDDL-1.0',
    requiresCredit: false,
  },
};

export const KNOWN_DATA_LICENCES: readonly string[] = Object.keys(KNOWN);

/** What the feeds say when a deployment has set no licence: reuse is not granted, not assumed. */
export const NO_DATA_LICENCE = 'No licence granted: ask the publisher before reusing the listings';

/**
 * The licence a deployment set, or null when it set none. SPDX identifiers match whatever their
 * case. One this list does not know (a `LicenseRef-…` of a sub-cluster's own terms) is said as it was
 * set, without a link or a claim about credit, rather than dropped: the publisher's choice is not
 * ours to undo.
 */
export function dataLicence(setting: string | undefined): DataLicence | null {
  const set = setting?.trim();
  if (!set) return null;
  const id = KNOWN_DATA_LICENCES.find((known) => known.toLowerCase() === set.toLowerCase());
  if (id) return { id, ...KNOWN[id]! };
  return { id: set, name: set, url: null, openDefinitionId: null, requiresCredit: null };
}

/** The licence as an OpenAPI 3.1 License Object (`name` required; `identifier` or `url`, not both). */
export function openApiLicence(licence: DataLicence | null): { name: string; identifier?: string } {
  return licence ? { name: licence.name, identifier: licence.id } : { name: NO_DATA_LICENCE };
}
