import { describe, expect, it } from 'vitest';
import { PLACE_MATCH, placeMatch, rankPlaces } from '../../api/domain/ranking.ts';
import { nameKey, placeMatchExpressions, placeSearchDocument } from '../../api/domain/text-normalise.ts';

describe('nameKey', () => {
  it.each([
    ['Al-Qayyara', 'Qayyara'],
    ['الموصل', 'موصل'],
    ['Tal Afar', 'Talafar'],
    ['تل عفر', 'تلعفر'],
    ['Hewlêr', 'Hewler'],
  ])('%s has the same key as %s', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it.each([
    ['Qayyarah', 'Thi Qar'],
    ['Koya', 'Koye'],
  ])('%s and %s are different names', (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });
});

describe('placeSearchDocument', () => {
  it('indexes a name of several words also as one word, so either way of writing it finds the place', () => {
    const { body, skeletons } = placeSearchDocument(['Tall Afar', 'تل عفر']);
    expect(body.split(' ')).toEqual(expect.arrayContaining(['tall', 'afar', 'tallafar', 'تلعفر']));
    expect(skeletons.split(' ')).toContain('tlfr');
  });
});

describe('placeMatchExpressions', () => {
  it('also matches a query of several words as one whole name', () => {
    expect(placeMatchExpressions('Tal Afar')?.any).toContain('skeletons : "tlfr"*');
    expect(placeMatchExpressions('Tal Afar')?.whole).toBe('(body : "talafar" OR skeletons : "tlfr")');
  });

  it('has nothing to match for words with no letters', () => {
    expect(placeMatchExpressions('--- ...')).toBeNull();
  });
});

describe('rankPlaces', () => {
  const thiQar = { pcode: 'IQG17', level: 1, names: { en: 'Thi Qar', ar: 'ذي قار' }, aliases: [] };
  const qayyarah = {
    pcode: 'IQG15Q05N01',
    level: 3,
    names: { en: 'Al-Qayarra', ar: 'القيارة' },
    aliases: ['Al Qayyårah', 'Kaiyara'],
  };
  const kuwayr = { pcode: 'IQG11Q04N04', level: 3, names: { en: 'Gwyer', ar: 'الكوير' }, aliases: ['Al Kuwayr'] };

  it('puts the place whose own name was typed before a larger place that shares a word', () => {
    expect(placeMatch('القيارة', qayyarah)[0]).toBe(PLACE_MATCH.ownName);
    expect(rankPlaces('Qayyarah', [thiQar, kuwayr, qayyarah])[0]).toBe(qayyarah);
  });

  it('among places that sound alike, puts the closest spelling first', () => {
    expect(placeMatch('Qayara', qayyarah)[0]).toBe(PLACE_MATCH.sameSkeleton);
    expect(placeMatch('Qayara', kuwayr)[0]).toBe(PLACE_MATCH.sameSkeleton);
    expect(rankPlaces('Qayara', [kuwayr, thiQar, qayyarah])[0]).toBe(qayyarah);
  });

  it('puts a place with the typed word in its name before places that only sound like it', () => {
    expect(placeMatch('Qar', thiQar)[0]).toBe(PLACE_MATCH.wholeWord);
    expect(rankPlaces('Qar', [qayyarah, kuwayr, thiQar])[0]).toBe(thiQar);
  });

  it('keeps larger areas first among equally good matches', () => {
    const district = { pcode: 'IQG09Q02', level: 2, names: { en: 'Duhok' }, aliases: [] };
    const governorate = { pcode: 'IQG09', level: 1, names: { en: 'Duhok' }, aliases: [] };
    expect(rankPlaces('Duhok', [district, governorate]).map((p) => p.pcode)).toEqual(['IQG09', 'IQG09Q02']);
  });
});
