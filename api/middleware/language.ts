import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { languageOfTag, negotiateAcceptLanguage } from '../domain/language.ts';
import type { AppEnv } from '../env.ts';
import type { Language } from '../domain/vocabulary.ts';

/**
 * `?lang=` first, then Accept-Language (weights respected; Kurdish tags by script and region, see
 * languageOfTag), then Arabic. Pages and the API both use it. Never a cookie: survivor pages and
 * API responses set none (S3).
 */
export const negotiateLanguage = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('language', languageOf(c));
    await next();
  });

/** The language of this request's answer (the edge cache keys by it before any router runs). */
export function languageOf(c: Context<AppEnv>): Language {
  const asked = c.req.query('lang');
  return (asked ? languageOfTag(asked) : null) ?? negotiateAcceptLanguage(c.req.header('Accept-Language')) ?? 'ar';
}
