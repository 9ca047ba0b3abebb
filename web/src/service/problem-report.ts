/**
 * Sends "report a problem" (C8) to the JSON API and answers in place, without leaving the page.
 * The form still posts as plain HTML when the script is missing.
 */
export class ProblemReport {
  private readonly status: HTMLElement;

  constructor(private readonly form: HTMLFormElement) {
    this.status = form.querySelector('[data-role="status"]')!;
  }

  install() {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
  }

  async send() {
    const data = new FormData(this.form);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' && value.trim() ? value : undefined;
    };
    const button = this.form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    button.disabled = true;
    let outcome: 'thanks' | 'tooMany' | 'failed';
    try {
      const response = await fetch('/api/v1/problem-reports', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({
          service_id: this.form.dataset.service,
          kind: text('kind'),
          contact_route_id: text('route'),
          note: text('note'),
        }),
      });
      outcome = response.status === 201 ? 'thanks' : response.status === 429 ? 'tooMany' : 'failed';
    } catch {
      outcome = 'failed';
    }
    const messages = {
      thanks: this.form.dataset.msgThanks,
      tooMany: this.form.dataset.msgTooMany,
      failed: this.form.dataset.msgFailed,
    };
    this.status.textContent = messages[outcome] ?? '';
    this.status.className = `report__status notice ${outcome === 'thanks' ? 'notice--success' : 'notice--warning'}`;
    if (outcome === 'thanks') {
      for (const field of this.form.querySelectorAll<HTMLElement>('fieldset, .field, button, .report__intro'))
        field.hidden = true;
    } else {
      button.disabled = false;
    }
  }
}
