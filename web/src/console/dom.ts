/**
 * Elements from data, always as text: every value from the API (names, notes, reports) reaches
 * the page through text nodes or attributes, never innerHTML, so HTML typed into a field shows
 * as the characters typed.
 */
export type Child = Node | string | number | null | undefined | false | Child[];

export interface Attrs {
  [name: string]: string | number | boolean | null | undefined | ((event: Event) => void) | Record<string, string>;
}

const PROPERTIES = new Set([
  'value',
  'checked',
  'disabled',
  'selected',
  'hidden',
  'required',
  'multiple',
  'readOnly',
  'open',
]);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (name === 'dataset' && typeof value === 'object') Object.assign(element.dataset, value);
    else if (PROPERTIES.has(name)) (element as unknown as Record<string, unknown>)[name] = value;
    else if (name === 'class') element.className = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]) {
  for (const child of children.flat(Infinity as 1) as Child[]) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replaceChildren(parent: Element, ...children: Child[]) {
  parent.replaceChildren();
  append(parent, children);
}

let counter = 0;
/** A unique id for label/aria links. */
export const uid = (prefix: string) => `${prefix}-${++counter}`;

/** A labelled control: <label for> + control + optional hint and error slot. */
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  options: { hint?: string; name?: string } = {},
) {
  control.id ||= uid('f');
  const error = h('p', { class: 'field__error', id: `${control.id}-error`, hidden: true });
  const hint = options.hint ? h('p', { class: 'field__hint', id: `${control.id}-hint` }, options.hint) : null;
  const described = [hint?.id, error.id].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', described);
  return h(
    'div',
    { class: 'field', dataset: options.name ? { field: options.name } : {} },
    h('label', { for: control.id }, label),
    hint,
    control,
    error,
  );
}

/** Shows (or clears) a field's error from the API, next to its control. */
export function setFieldError(container: Element, text: string | null) {
  const control = container.querySelector<HTMLElement>('input, select, textarea');
  const error = container.querySelector<HTMLElement>('.field__error');
  if (!control || !error) return;
  error.textContent = text ?? '';
  error.hidden = !text;
  if (text) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

export function select(
  name: string,
  options: Array<[string, string]>,
  value: string | null | undefined,
  attrs: Attrs = {},
) {
  return h(
    'select',
    { name, ...attrs },
    options.map(([v, label]) => h('option', { value: v, selected: v === (value ?? '') }, label)),
  );
}

/** A group of checkboxes in a fieldset with a legend. */
export function checkboxes(legend: string, name: string, options: Array<[string, string]>, checked: readonly string[]) {
  return h(
    'fieldset',
    { class: 'checkboxes', dataset: { field: name } },
    h('legend', {}, legend),
    options.map(([value, label]) => {
      const id = uid(name);
      return h(
        'div',
        { class: 'checkbox' },
        h('input', { type: 'checkbox', id, name, value, checked: checked.includes(value) }),
        h('label', { for: id }, label),
      );
    }),
  );
}

export const checkedValues = (form: HTMLElement, name: string) =>
  [...form.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="${name}"]`)]
    .filter((i) => i.checked)
    .map((i) => i.value);

/** Text that stays left to right inside right-to-left text (phone numbers, codes, URIs). */
export const ltr = (text: string, tag: 'bdi' | 'code' = 'bdi') => h(tag, { dir: 'ltr' }, text);
