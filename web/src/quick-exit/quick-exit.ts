/**
 * S1 quick exit: a tap on the button (or the secondary text link), or Shift pressed three times,
 * blanks the page at once and then replaces it with the neutral site. `location.replace` takes the
 * place of this history entry, so Back does not return here (S2). Without the script, the same
 * links still lead to the neutral site, only as an ordinary navigation.
 */
const SHIFT_PRESSES = 3;
const SHIFT_WINDOW_MS = 1500;

export class QuickExit {
  private shiftPresses: number[] = [];

  constructor(
    private readonly doc: Document,
    private readonly destination: string,
  ) {}

  static install(doc: Document): QuickExit | null {
    const link = doc.querySelector<HTMLAnchorElement>('a[data-quick-exit]');
    if (!link) return null;
    const exit = new QuickExit(doc, link.href);
    exit.install();
    return exit;
  }

  install() {
    for (const link of this.doc.querySelectorAll<HTMLAnchorElement>('a[data-quick-exit]')) {
      link.addEventListener('click', (event) => {
        event.preventDefault();
        this.leave();
      });
    }
    // Capture phase: no other handler can swallow the key first. Esc alone is deliberately not a
    // trigger (it closes menus and dialogs; PRODUCT.md S1).
    this.doc.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'Shift' || event.repeat) return;
        const now = event.timeStamp;
        this.shiftPresses = [...this.shiftPresses.filter((t) => now - t < SHIFT_WINDOW_MS), now];
        if (this.shiftPresses.length >= SHIFT_PRESSES) this.leave();
      },
      true,
    );
  }

  leave() {
    // Blank first and synchronously, so nothing stays on screen while the other site loads.
    this.doc.title = '';
    this.doc.documentElement.classList.add('leaving');
    this.doc.body.replaceChildren();
    this.doc.defaultView?.location.replace(this.destination);
  }
}
