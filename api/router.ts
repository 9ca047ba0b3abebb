import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { AppEnv } from './env.ts';
import { invalid, invalidParamsFromZod, type InvalidParam } from './errors.ts';

/** Where each validated part of a request is, in the words of the problem's `errors[].in`. */
const TARGET_TO_PLACE: Record<string, InvalidParam['in']> = {
  query: 'query',
  param: 'path',
  header: 'header',
  json: 'body',
  form: 'body',
};

/**
 * The one router factory, for the public API (`createRouter()`) and the maintainers' API
 * (`createRouter<AdminEnv>()`): a value zod refuses becomes a 400 problem+json naming the field.
 */
export function createRouter<E extends Env = AppEnv>() {
  return new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success) {
        throw invalid(invalidParamsFromZod(result.error, TARGET_TO_PLACE[result.target] ?? 'query'));
      }
    },
  });
}
