import { createMiddleware } from 'hono/factory';
import { languageOfTag, negotiateAcceptLanguage } from '../domain/language.ts';
import type { AppEnv } from '../env.ts';

/**
 * `?lang=` first, then Accept-Language (weights respected; Kurdish tags by script and region, see
 * languageOfTag), then Arabic. Pages and the API both use it. Never a cookie: survivor pages and
 * API responses set none (S3).
 */
export const negotiateLanguage = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const asked = c.req.query('lang');
    const language =
      (asked ? languageOfTag(asked) : null) ?? negotiateAcceptLanguage(c.req.header('Accept-Language')) ?? 'ar';
    c.set('language', language);
    await next();
  });
