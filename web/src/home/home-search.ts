/**
 * Search on the start page without a page load and without an address that says anything: the
 * form's own POST is sent with fetch and the server's results region replaces ours (one renderer:
 * the server's). Nothing navigates, so the history keeps only the start page's neutral address;
 * the words were never in a URL in the first place (the form is a POST).
 */
export class HomeSearch {
  private pending: AbortController | null = null;

  constructor(
    private readonly form: HTMLFormElement,
    private readonly results: HTMLElement,
  ) {}

  install() {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.search();
    });
  }

  async search() {
    this.pending?.abort();
    const pending = new AbortController();
    this.pending = pending;
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(this.form)) if (typeof value === 'string') body.append(name, value);
    this.results.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(this.form.action, {
        method: 'POST',
        body,
        signal: pending.signal,
        cache: 'no-store',
        headers: { Accept: 'text/html' },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById(this.results.id);
      if (!fresh) throw new Error('no results region');
      if (pending.signal.aborted) return;
      this.results.replaceChildren(...fresh.childNodes);
      // Like a new page, the results are read next: focus moves to their first heading or message.
      const first = this.results.querySelector<HTMLElement>('h2, [role="status"]');
      if (first) {
        first.tabIndex = -1;
        first.focus();
      }
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      // The plain form still works: a POST navigation, whose address carries no words either.
      this.form.submit();
    } finally {
      if (this.pending === pending) this.results.removeAttribute('aria-busy');
    }
  }
}
