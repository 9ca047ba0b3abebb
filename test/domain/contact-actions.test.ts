import { describe, expect, it } from 'vitest';
import { contactHref } from '../../api/domain/contact-actions.ts';

describe('contact routes as direct actions', () => {
  it.each([
    ['telegram', '+9647700000116', 'https://t.me/+9647700000116'],
    ['telegram', '+964 770 000 0116', 'https://t.me/+9647700000116'],
    ['telegram', '00964 770 000 0116', 'https://t.me/+9647700000116'],
    ['telegram', '+٩٦٤٧٧٠٠٠٠٠١١٦', 'https://t.me/+9647700000116'],
    ['telegram', '@masar_help', 'https://t.me/masar_help'],
    ['telegram', 'masar_help', 'https://t.me/masar_help'],
    ['telegram', 'https://t.me/masar_help', 'https://t.me/masar_help'],
    ['whatsapp', '+964 770 000 0102', 'https://wa.me/9647700000102'],
    ['whatsapp', 'https://wa.me/9647700000102', 'https://wa.me/9647700000102'],
    ['signal', '+9647700000121', 'https://signal.me/#p/+9647700000121'],
    ['signal', '00502 0000 0121', 'https://signal.me/#p/+50200000121'],
  ])('a %s route given as %s opens %s', (kind, value, href) => {
    expect(contactHref(kind, value)).toBe(href);
  });

  it.each([
    // A local number would open a chat with whoever has that number abroad: no link, shown as text.
    ['telegram', '0770 000 0116'],
    ['whatsapp', '07700000102'],
    ['signal', '07700000121'],
    // A Signal username is not a number: "+<digits of it>" would reach a stranger.
    ['signal', 'masar.01'],
    ['telegram', 'https://evil.example/t.me'],
  ])('a %s route given as %s gets no link rather than a wrong one', (kind, value) => {
    expect(contactHref(kind, value)).toBeNull();
  });
});
