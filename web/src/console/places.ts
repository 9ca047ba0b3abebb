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
  return h(
    'div',
    {},
    listing.locations.map((site) =>
      mayMovePin(ctx, listing, site) ? placeForm(ctx, listing, site, reload) : placeView(ctx, site),
    ),
  );
}

/**
 * Whether the API lets this person move the place's pin (api/admin/auth/policy.ts
 * authorizeLocation, assertEditorMayChangeShared): admins; coordinators when the place lies in
 * their areas (P-codes nest by prefix); editors only while no published listing uses the place.
 */
function mayMovePin(ctx: ConsoleContext, listing: Listing, site: ServiceLocation): boolean {
  const user = ctx.user;
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role === 'coordinator')
    return site.location.area_pcode !== null && user.area_pcodes.some((p) => site.location.area_pcode!.startsWith(p));
  if (user.role === 'editor') return listing.status !== 'published';
  return false;
}

/** A place to read: its name, address or the confidentiality badge, and its area. */
function placeView(ctx: ConsoleContext, site: ServiceLocation): HTMLElement {
  const loc = site.location;
  return h(
    'section',
    { class: 'place-view', dataset: { role: 'place', locationId: loc.id } },
    h(
      'h3',
      {},
      ctx.text(loc.names) || ctx.t('consolePlaceUnnamed'),
      loc.is_confidential ? h('span', { class: 'badge badge--confidential' }, ctx.t('consoleConfidentialPlace')) : null,
    ),
    ctx.text(loc.address) ? h('p', {}, ctx.text(loc.address)) : null,
    h('p', {}, ctx.t('consoleArea'), ': ', loc.area_pcode ?? '—'),
  );
}

function placeForm(ctx: ConsoleContext, listing: Listing, site: ServiceLocation, reload: () => void): HTMLElement {
  const { t } = ctx;
  const loc = site.location;
  const lon = h('input', {
    type: 'number',
    name: 'lon',
    step: 'any',
    min: -180,
    max: 180,
    dir: 'ltr',
    value: loc.lon === null ? '' : String(loc.lon),
  });
  const lat = h('input', {
    type: 'number',
    name: 'lat',
    step: 'any',
    min: -90,
    max: 90,
    dir: 'ltr',
    value: loc.lat === null ? '' : String(loc.lat),
  });
  const area = h('output', { class: 'place-area', dataset: { role: 'area' } }, loc.area_pcode ?? '—');
  const mapBox = h('div', { class: 'pin-map', hidden: true, dataset: { role: 'pin-map' } });
  const message = h('p', { class: 'form-message', role: 'alert' });
  const openMap = h(
    'button',
    { type: 'button', class: 'button button--secondary', dataset: { role: 'open-map' } },
    t('consoleShowMap'),
  );
  openMap.addEventListener('click', async () => {
    openMap.disabled = true;
    mapBox.hidden = false;
    try {
      const { PinMap } = await import('./pin-map.ts');
      await new PinMap(mapBox, {
        country: listing.country,
        lang: ctx.lang,
        label: t('consoleMapLabel'),
        zoomIn: t('mapZoomIn'),
        zoomOut: t('mapZoomOut'),
      }).open(loc.lon !== null && loc.lat !== null ? [loc.lon, loc.lat] : null, (point) => {
        lon.value = point[0].toFixed(5);
        lat.value = point[1].toFixed(5);
        ctx.announce(t('consolePinSet'));
      });
    } catch (error) {
      message.textContent = t('mapFailed');
      console.warn(error);
    }
  });
  const form = h(
    'form',
    { class: 'console-form place-form', dataset: { role: 'place-form', locationId: loc.id } },
    h(
      'h3',
      {},
      ctx.text(loc.names) || t('consolePlaceUnnamed'),
      loc.is_confidential ? h('span', { class: 'badge badge--confidential' }, t('consoleConfidentialPlace')) : null,
    ),
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
      const { data } = await ctx.api.patch<{ area_pcode: string | null }>(
        path,
        { lon: Number(lon.value), lat: Number(lat.value) },
        version ?? 0,
      );
      area.textContent = data.area_pcode ?? '—';
      ctx.announce(t('consolePinSaved', { area: data.area_pcode ?? '—' }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.textContent = ctx.problemText(error, 'edit');
    }
  });
  void reload;
  return form;
}
