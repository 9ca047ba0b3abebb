import type { Country } from '../../db/schema.ts';

/** Opening hours are evaluated in the service's own time zone, never the reader's (S8). */
export const COUNTRY_TIME_ZONES: Record<Country, string> = {
  IQ: 'Asia/Baghdad',
  GT: 'America/Guatemala',
};
