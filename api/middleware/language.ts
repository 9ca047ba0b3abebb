import { languageDetector } from 'hono/language';
import { LANGUAGES } from '../../db/schema.ts';

/**
 * `?lang=` first, then Accept-Language ("ar-IQ" counts as "ar"), then Arabic. Never a cookie:
 * survivor pages and API responses set none (S3).
 */
export const negotiateLanguage = () =>
  languageDetector({
    order: ['querystring', 'header'],
    lookupQueryString: 'lang',
    supportedLanguages: [...LANGUAGES],
    fallbackLanguage: 'ar',
    convertDetectedLanguage: (tag) => tag.toLowerCase().split('-')[0] ?? tag,
    caches: false,
  });
