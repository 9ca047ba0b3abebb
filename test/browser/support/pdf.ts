/**
 * Just enough of a PDF reader to check what Chromium printed: the number of pages (its
 * `/Type /Page` objects) and the text drawn on them, decoded through each font's ToUnicode map.
 * Chromium (Skia) writes plain indirect objects and Flate-compressed streams, which is all this reads.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  for (const m of text.matchAll(/(\d+) 0 obj\b([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.search(/stream\r?\n/);
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const start = m.index! + m[0].indexOf(body) + at + body.slice(at).indexOf('\n') + 1;
    const end = text.lastIndexOf('endstream', m.index! + m[0].length);
    let raw = pdf.subarray(start, end);
    const dict = body.slice(0, at);
    if (/\/FlateDecode/.test(dict)) raw = inflateSync(raw, { finishFlush: 2 });
    objects.set(Number(m[1]), { dict, stream: raw });
  }
  return objects;
}

/** The page objects, in file order (Chromium writes them in page order). */
export function pageCount(pdf: Buffer): number {
  return [...objectsOf(pdf).values()].filter((o) => /\/Type\s*\/Page(?![a-zA-Z])/.test(o.dict)).length;
}

/** glyph code (hex) → text, from a ToUnicode CMap's bfchar and bfrange entries. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, value] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(code!.toUpperCase(), utf16(value!));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, value] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const first = parseInt(from!, 16);
      const base = parseInt(value!, 16);
      for (let code = first; code <= parseInt(to!, 16); code++) {
        map.set(code.toString(16).toUpperCase().padStart(from!.length, '0'), String.fromCharCode(base + code - first));
      }
    }
  }
  return map;
}

/** Every text the PDF draws, page after page, one string per text run. */
export function pdfText(pdf: Buffer): string {
  const objects = objectsOf(pdf);
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
    return m ? objects.get(Number(m[1])) : undefined;
  };
  const runs: string[] = [];
  for (const page of [...objects.values()].filter((o) => /\/Type\s*\/Page(?![a-zA-Z])/.test(o.dict))) {
    const resources = ref(page.dict, 'Resources')?.dict ?? page.dict;
    const fontDict = /\/Font\s*(<<[\s\S]*?>>)/.exec(resources)?.[1] ?? ref(resources, 'Font')?.dict ?? '';
    const fonts = new Map<string, Map<string, string>>();
    for (const [, name, id] of fontDict.matchAll(/\/([\w.-]+)\s+(\d+) 0 R/g)) {
      const cmap = ref(objects.get(Number(id))?.dict ?? '', 'ToUnicode')?.stream;
      fonts.set(name!, cmap ? toUnicode(cmap.toString('latin1')) : new Map());
    }
    const contents = ref(page.dict, 'Contents')?.stream?.toString('latin1') ?? '';
    let font = new Map<string, string>();
    for (const m of contents.matchAll(/\/([\w.-]+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (m[1]) {
        font = fonts.get(m[1]) ?? new Map();
        continue;
      }
      const hexes = m[2] !== undefined ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [m[3]!];
      const width = [...font.keys()][0]?.length ?? 4;
      runs.push(
        hexes
          .map((hex) =>
            (hex.toUpperCase().match(new RegExp(`.{${width}}`, 'g')) ?? []).map((g) => font.get(g) ?? '').join(''),
          )
          .join(''),
      );
    }
  }
  // NFKC undoes the shaping: ligatures ("ﬀ") and Arabic presentation forms back to plain letters.
  return runs.join('\n').normalize('NFKC');
}
