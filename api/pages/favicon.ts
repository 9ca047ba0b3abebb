import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';

/**
 * The site icon, drawn from SITE_NAME (S5): a neutral initial, so the tab and the history show
 * nothing the deployment did not choose. Served by the Worker: no other origin, no data: URL.
 */
export function favicon(c: Context<AppEnv>) {
  const initial = [...(c.env.SITE_NAME || 'M').trim()][0] ?? 'M';
  const escaped = initial.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#1f4e79"/><text x="32" y="44" font-family="system-ui,sans-serif" font-size="36" font-weight="700" text-anchor="middle" fill="#fff">${escaped}</text></svg>`;
  return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
}
