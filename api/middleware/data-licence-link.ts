/**
 * The open-data feeds (HSDS, exports) say their licence in every response, as a `Link` with the
 * registered relation "license" (RFC 4946), so a partner harvesting a single endpoint or file learns
 * the terms without reading the documentation. None is sent when the deployment grants no licence,
 * or names one this code has no address for.
 */
import type { MiddlewareHandler } from 'hono';
import { dataLicence } from '../domain/data-licence.ts';
import type { AppEnv } from '../env.ts';

export function dataLicenceLink(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const licence = dataLicence(c.env.DATA_LICENCE);
    if (licence?.url && c.res.status < 300) c.header('Link', `<${licence.url}>; rel="license"`, { append: true });
  };
}
