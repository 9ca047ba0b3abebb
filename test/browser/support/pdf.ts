/** What Chromium printed, read back with unpdf (Mozilla's pdf.js): the page count and the text on the pages. */
import { extractText, getDocumentProxy } from 'unpdf';

export async function printed(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(document, { mergePages: true });
  return { pages: totalPages, text };
}
