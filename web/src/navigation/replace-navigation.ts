/**
 * S2: moving around the site never adds a history entry. Links to our own pages and GET forms
 * replace the current entry (location.replace); in-page anchors update it with replaceState. So
 * after any number of pages and a quick exit, one Back leaves the site entirely. Without the
 * script each page adds an entry (explained on the privacy page).
 */
export class ReplaceNavigation {
  constructor(private readonly doc: Document) {}

  install() {
    this.doc.addEventListener('click', (event) => this.onClick(event));
    this.doc.addEventListener('submit', (event) => this.onSubmit(event));
  }

  private onClick(event: MouseEvent) {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const link = (event.target as Element | null)?.closest?.('a');
    if (
      !link ||
      link.hasAttribute('data-quick-exit') ||
      link.hasAttribute('download') ||
      (link.target && link.target !== '_self')
    )
      return;
    const location = this.doc.defaultView!.location;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return; // tel:, sms:, geo:, other sites: the browser's business
    event.preventDefault();
    if (url.pathname === location.pathname && url.search === location.search && url.hash) {
      this.doc.defaultView!.history.replaceState(null, '', url.href);
      focusTarget(this.doc, decodeURIComponent(url.hash.slice(1)));
      return;
    }
    location.replace(url.href);
  }

  private onSubmit(event: SubmitEvent) {
    const form = event.target as HTMLFormElement;
    if (event.defaultPrevented || form.method.toLowerCase() !== 'get') return;
    event.preventDefault();
    this.doc.defaultView!.location.replace(formUrl(form));
  }
}

/** A GET form's destination, without empty fields (shorter URLs, nothing said that was not chosen). */
export function formUrl(form: HTMLFormElement): string {
  const url = new URL(form.action);
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string' && value !== '') params.append(name, value);
  }
  url.search = params.toString();
  return url.href;
}

function focusTarget(doc: Document, id: string) {
  const target = doc.getElementById(id);
  if (!target) return;
  if (!target.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(target.tagName))
    target.setAttribute('tabindex', '-1');
  target.focus();
  target.scrollIntoView({ block: 'start' });
}
