/**
 * HTML built as text, for the pieces a page repeats dozens of times (service cards and their parts)
 * and the frame of every page: hono's JSX builds a node per element and walks it again to print it,
 * which was about half of an area page's CPU.
 *
 * Those pieces are written with hono's `html` tagged template (`import { html } from 'hono/html'`),
 * which escapes every value put into it, in text and in a quoted attribute alike, leaves out null,
 * undefined and false, joins arrays, and puts another `html` result in as it is. So nothing is
 * escaped by hand, and a value cannot be forgotten: a name, an organisation or a contact route from
 * the directory is text wherever it lands. The output is what the JSX printed: the same escaping
 * (hono's own), the same attribute order, `hidden=""` for a true boolean attribute.
 */
import { html } from 'hono/html';

/**
 * What `html` returns. Its type allows a promise (for a promise put into it); nothing put into these
 * pieces is one, so they are always plain text, placed in a JSX tree or another `html` as they are.
 */
export type Html = ReturnType<typeof html>;

/**
 * ` name="value"` (the value escaped), or nothing when the value is absent, as JSX leaves out an
 * undefined attribute. For use inside an `html` template, which leaves out the null.
 */
export const attribute = (name: string, value: string | null | undefined): Html | null =>
  value === null || value === undefined ? null : html` ${name}="${value}"`;
