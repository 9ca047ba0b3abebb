/**
 * Building HTML as text, for the pieces a page repeats dozens of times (service cards and their
 * parts): hono's JSX builds a node per element and walks it again to print it, which was about half
 * of an area page's CPU. The output is what the JSX printed: the same escaping (hono's own), the
 * same attribute order, `hidden=""` for a true boolean attribute.
 */
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { escapeToBuffer } from 'hono/utils/html';

/** Text escaped for an element's content or a quoted attribute. */
export function escapeHtml(text: string): string {
  const buffer: [string] = [''];
  escapeToBuffer(text, buffer);
  return buffer[0];
}

/** ` name="value"`, or nothing when the value is absent (as JSX leaves out an undefined attribute). */
export const attribute = (name: string, value: string | null | undefined): string =>
  value === null || value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`;

/** Markup built here, placed in a JSX tree as it is. */
export const markup = (html: string): HtmlEscapedString => raw(html);
