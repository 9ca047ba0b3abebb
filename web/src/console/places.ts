/**
 * Where the service is offered. A pin (lon, lat) set on the boundaries map or typed in; saving it
 * without an area lets the API set the area by point-in-polygon, and the console shows it.
 */
import { ApiError } from './api.ts';
import type { ConsoleContext } from './context.ts';
import { field, h } from './dom.ts';
import type { Listing, ServiceLocation } from './listing.ts';

export function placesTab(ctx: ConsoleContext, listing: Listing, reload: () => void): HTMLElement {
  const { t } = ctx;
  if (!listing.locations.length) return h('p', { class: 'muted' }, t('consoleNoPlaces'));
  return h('div', {}, listing.locations.map((site) => placeForm(ctx, listing, site, reload)));
}

function placeForm(ctx: ConsoleContext, listing: Listing, site: ServiceLocation, reload: () => void): HTMLElement {
  const { t } = ctx;
  const loc = site.location;
  const lon = h('input', { type: 'number', name: 'lon', step: 'any', min: -180, max: 180, dir: 'ltr', value: loc.lon === null ? '' : String(loc.lon) });
  const lat = h('input', { type: 'number', name: 'lat', step: 'any', min: -90, max: 90, dir: 'ltr', value: loc.lat === null ? '' : String(loc.lat) });
  const area = h('output', { class: 'place-area', dataset: { role: 'area' } }, loc.area_pcode ?? '—');
  const mapBox = h('div', { class: 'pin-map', hidden: true, dataset: { role: 'pin-map' } });
  const message = h('p', { class: 'form-message', role: 'alert' });
  const openMap = h('button', { type: 'button', class: 'button button--secondary', dataset: { role: 'open-map' } }, t('consoleShowMap'));
  openMap.addEventListener('click', async () => {
    openMap.disabled = true;
    mapBox.hidden = false;
    try {
      const { PinMap } = await import('./pin-map.ts');
      await new PinMap(mapBox, { country: listing.country, lang: ctx.lang, label: t('consoleMapLabel'), zoomIn: t('mapZoomIn'), zoomOut: t('mapZoomOut') }).open(
        loc.lon !== null && loc.lat !== null ? [loc.lon, loc.lat] : null,
        (point) => {
          lon.value = point[0].toFixed(5);
          lat.value = point[1].toFixed(5);
          ctx.announce(t('consolePinSet'));
        },
      );
    } catch (error) {
      message.textContent = t('mapFailed');
      console.warn(error);
    }
  });
  const form = h(
    'form',
    { class: 'console-form place-form', dataset: { role: 'place-form', locationId: loc.id } },
    h('h3', {}, ctx.text(loc.names) || loc.id, loc.is_confidential ? h('span', { class: 'badge badge--confidential' }, t('placeConfidential')) : null),
    h('p', {}, ctx.text(loc.address)),
    h('p', {}, t('consoleArea'), ': ', area),
    h('p', { class: 'field__hint' }, t('consolePinHint')),
    openMap,
    mapBox,
    h('div', { class: 'field-row' }, field(t('consoleLongitude'), lon), field(t('consoleLatitude'), lat)),
    message,
    h('button', { type: 'submit', class: 'button' }, t('consoleSavePin')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    try {
      const path = `/locations/${encodeURIComponent(loc.id)}`;
      const { version } = await ctx.api.get(path);
      const { data } = await ctx.api.patch<{ area_pcode: string | null }>(path, { lon: Number(lon.value), lat: Number(lat.value) }, version ?? 0);
      area.textContent = data.area_pcode ?? '—';
      ctx.announce(t('consolePinSaved', { area: data.area_pcode ?? '—' }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.textContent = ctx.problemText(error);
    }
  });
  void reload;
  return form;
}
