/**
 * Filters without a page load: on every change the same page is fetched as HTML with the new
 * query, and its hotlines block and results region replace ours (one renderer: the server's). The address is
 * updated with replaceState (S2: no new history entry).
 */
import { formUrl } from '../navigation/replace-navigation.ts';

export class AreaFilters {
  private pending: AbortController | null = null;

  constructor(
    private readonly form: HTMLFormElement,
    private readonly results: () => HTMLElement,
    private readonly onUpdate: () => void,
  ) {}

  install() {
    this.form.addEventListener('change', () => void this.apply());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.apply();
    });
  }

  async apply() {
    const url = formUrl(this.form);
    this.pending?.abort();
    const pending = new AbortController();
    this.pending = pending;
    const current = this.results();
    current.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(url, { signal: pending.signal, headers: { Accept: 'text/html' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const html = await response.text();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const fresh = doc.getElementById('results');
      if (!fresh || pending.signal.aborted) return;
      replaceResults(current, fresh);
      // The hotlines above the list answer the same filters (those left out say why): swap them too.
      const freshNow = doc.getElementById('now');
      if (freshNow) document.getElementById('now')?.replaceWith(document.adoptNode(freshNow));
      const view = new URL(location.href).searchParams.get('view');
      const address = new URL(url);
      if (view) address.searchParams.set('view', view);
      history.replaceState(null, '', address.href);
      this.onUpdate();
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      // The plain form still works: fall back to a normal (replacing) navigation.
      location.replace(url);
    } finally {
      if (this.pending === pending) current.removeAttribute('aria-busy');
    }
  }
}

/**
 * Keep our results element and its live count (so screen readers announce the new count), take
 * everything else from the fresh copy.
 */
function replaceResults(current: HTMLElement, fresh: HTMLElement) {
  const count = current.querySelector('#results-count');
  const freshCount = fresh.querySelector('#results-count');
  for (const name of current.getAttributeNames()) if (name.startsWith('data-')) current.removeAttribute(name);
  for (const name of fresh.getAttributeNames())
    if (name.startsWith('data-')) current.setAttribute(name, fresh.getAttribute(name)!);
  const nodes = [...fresh.childNodes].filter((node) => node !== freshCount);
  current.replaceChildren(...(count ? [count] : []), ...nodes);
  if (count && freshCount) count.textContent = freshCount.textContent;
}
