// Filling a message's {placeholders}: the one way, for the translator (pages, console) and for the
// client script's messages that the server rendered into data-msg-* attributes with their
// placeholders left in. Imports nothing, so the client bundle carries no catalogue.

/** `fill('{n} km', { n: 3 })` → "3 km"; a placeholder with no value is left as written. */
export function fill(message: string, params: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
