import { z } from '@hono/zod-openapi';
import { COUNTRIES } from '../domain/vocabulary.ts';
import { LanguageParam, LocalizedValue, PcodeParam } from './common.ts';

export const AreaListQuery = z.object({
  lang: LanguageParam.optional(),
  parent: PcodeParam.optional().openapi({ description: 'Children of this area; without it, the countries.' }),
  country: z.enum(COUNTRIES).optional(),
  level: z.coerce
    .number()
    .int()
    .min(-1)
    .max(3)
    .optional()
    .openapi({
      description:
        '0 country, 1 governorate/department, 2 district/municipality, 3 subdistrict; ' +
        '-1 a region grouping governorates (the Kurdistan Region, IQ-KR).',
    }),
});

export const AreaSearchQuery = z.object({
  lang: LanguageParam.optional(),
  q: z
    .string()
    .min(1)
    .max(100)
    .openapi({ description: 'A name in any language or script: Duhok, Dohuk, دهوك, دهۆک.', example: 'Dohuk' }),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const AreaParam = z.object({ pcode: PcodeParam.openapi({ param: { name: 'pcode', in: 'path' } }) });

export const AreaView = z
  .object({
    pcode: z.string(),
    country: z.enum(COUNTRIES),
    level: z
      .number()
      .int()
      .openapi({
        description:
          '0 country, 1 governorate/department, 2 district/municipality, 3 subdistrict; ' +
          '-1 a region grouping governorates (the Kurdistan Region, IQ-KR), which lies between them.',
      }),
    parent_pcode: z.string().nullable(),
    name: LocalizedValue,
    names: z.record(z.string(), z.string()).openapi({ description: 'Every name the area has, by language.' }),
    time_zone: z.string(),
    centroid: z.tuple([z.number(), z.number()]).openapi({ description: '[lon, lat]' }),
    bbox: z
      .tuple([z.number(), z.number(), z.number(), z.number()])
      .openapi({ description: '[minLon, minLat, maxLon, maxLat]' }),
  })
  .openapi('Area');

export const AreaList = z.object({ items: z.array(AreaView), lang: LanguageParam }).openapi('AreaList');

export const AreaSearchList = z
  .object({
    items: z.array(
      AreaView.extend({
        parent_name: LocalizedValue.openapi({
          description: 'The name of the area this one is part of, shown beside it; null for a country.',
        }),
      }),
    ),
    lang: LanguageParam,
  })
  .openapi('AreaSearchList');

export const AreaDetail = AreaView.extend({
  ancestors: z.array(AreaView),
  children: z.array(AreaView),
}).openapi('AreaDetail');
