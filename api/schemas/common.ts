import { z } from '@hono/zod-openapi';
import { LANGUAGES, PCODE_PATTERN } from '../domain/vocabulary.ts';

export const LanguageParam = z.enum(LANGUAGES).openapi({
  description: 'Response language; falls back per field (ckb → kmr → ar → en). Without it, Accept-Language decides.',
  example: 'ar',
});

export const PcodeParam = z
  .string()
  .regex(PCODE_PATTERN, 'must be an OCHA P-code such as IQG15Q05 or GT0101, or IQ-KR (the Kurdistan Region)')
  .openapi({ example: 'IQG15Q05' });

export const Flag = z.enum(['true', 'false']).openapi({ description: '"true" to apply the filter' });

export const LocalizedValue = z
  .object({ text: z.string(), lang: z.enum(LANGUAGES) })
  .nullable()
  .openapi('LocalizedValue', {
    description: 'A text and the language it is written in (after fallback); null when none exists.',
  });

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ in: z.enum(['query', 'path', 'header', 'body']), name: z.string(), reason: z.string() }))
      .optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details.' });

export const problemResponses = {
  400: { description: 'Invalid parameters', content: { 'application/problem+json': { schema: Problem } } },
  404: { description: 'Not found', content: { 'application/problem+json': { schema: Problem } } },
} as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const LangQuery = z.object({ lang: LanguageParam.optional() });
