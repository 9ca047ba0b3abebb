import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env.ts';
import { invalid, invalidParamsFromZod, type InvalidParam } from './errors.ts';

const TARGET_TO_PLACE: Record<string, InvalidParam['in']> = {
  query: 'query',
  param: 'path',
  header: 'header',
  json: 'body',
  form: 'body',
};

/** One router factory so every resource validates with the same problem+json hook. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw invalid(invalidParamsFromZod(result.error, TARGET_TO_PLACE[result.target] ?? 'query'));
      }
    },
  });
}
