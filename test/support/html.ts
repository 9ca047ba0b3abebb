/** Small readers for server-rendered pages in workerd tests (no DOM there). */

/**
 * The HTML of each element opened by a tag matching `opening` (e.g. `<li class="service-card"`), up
 * to the next one.
 */
export function pieces(html: string, opening: RegExp): string[] {
  const starts = [...html.matchAll(new RegExp(opening.source, 'g'))].map((m) => m.index!);
  return starts.map((start, i) => html.slice(start, starts[i + 1] ?? html.length));
}

/** The element that has `marker` in its opening tag, through its matching closing tag. */
export function element(html: string, marker: string): string | null {
  const at = html.indexOf(marker);
  if (at < 0) return null;
  const start = html.lastIndexOf('<', at);
  const tag = /^<([a-z0-9]+)/i.exec(html.slice(start))![1]!;
  const pattern = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  pattern.lastIndex = start;
  let depth = 0;
  for (let m = pattern.exec(html); m; m = pattern.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, m.index + m[0].length);
  }
  return html.slice(start);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };

/** The visible text of some HTML, whitespace collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/\s+/g, ' ')
    .trim();
}
