import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { get } from '../support/http.ts';

describe('the maintainers API in the OpenAPI document (P2)', () => {
  it('describes every admin route with its security schemes', async () => {
    const { body } = await get('/api/v1/openapi.json');
    const documented = Object.entries(body.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith('/api/v1/admin/'))
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      );
    const registered = createApp()
      .routes.filter((r) => r.path.startsWith('/api/v1/admin/') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`);
    expect(documented.sort()).toEqual([...new Set(registered)].sort());
    expect(body.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie' },
      apiToken: { type: 'http', scheme: 'bearer' },
    });
    expect(body.paths['/api/v1/admin/session'].post.security).toEqual([]);
  });
});
