import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { mapStyle, usesPmtiles, withBasemap } from '../../web/src/map/map-style.ts';

// A self-hosted vector basemap can be configured; never a third party by default.
const basemap: StyleSpecification = {
  version: 8,
  glyphs: '/basemap/fonts/{fontstack}/{range}.pbf',
  sources: { streets: { type: 'vector', url: 'pmtiles:///basemap/iraq.pmtiles' } },
  layers: [
    { id: 'land', type: 'background', paint: { 'background-color': '#eee' } },
    { id: 'roads', type: 'line', source: 'streets', 'source-layer': 'roads' },
  ],
};

describe('a self-hosted basemap under the boundaries', () => {
  it('keeps the basemap first, our boundaries see-through above it, and the services on top', () => {
    const ours = mapStyle({
      boundariesUrl: '/api/v1/map/boundaries?parent=IQG12',
      services: { type: 'FeatureCollection', features: [] },
      currentArea: 'IQG12',
    });
    const style = withBasemap(basemap, ours);
    expect(style.layers.map((l) => l.id)).toEqual(['land', 'roads', 'areas-fill', 'areas-line', 'services-source']);
    expect(Object.keys(style.sources).sort()).toEqual(['boundaries', 'services', 'streets']);
    expect(style.glyphs).toBe('/basemap/fonts/{fontstack}/{range}.pbf');
    const fill = style.layers.find((l) => l.id === 'areas-fill') as { paint: Record<string, unknown> };
    expect(fill.paint['fill-opacity']).toBe(0.35);
    expect(usesPmtiles(style)).toBe(true);
    expect(usesPmtiles(ours)).toBe(false);
  });

  const areaPage = async (MAP_BASEMAP_STYLE?: string) => {
    const response = await createApp().fetch(
      new Request('https://masar.test/a/IQG12?lang=en'),
      { ...env, MAP_BASEMAP_STYLE },
      createExecutionContext(),
    );
    expect(response.status).toBe(200);
    return response.text();
  };

  it('the area page offers a configured same-origin style to the map', async () => {
    expect(await areaPage('/basemap/style.json')).toContain('data-basemap-style="/basemap/style.json"');
  });

  it.each([
    undefined,
    '',
    'https://tiles.example.com/style.json',
    '//tiles.example.com/style.json',
    'javascript:alert(1)',
  ])('without a same-origin style (%s) the boundaries are the whole basemap', async (configured) => {
    expect(await areaPage(configured)).not.toContain('data-basemap-style');
  });
});
