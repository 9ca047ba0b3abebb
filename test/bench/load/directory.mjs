// The synthetic directory of the load bench: deterministic (a seeded generator, name-based ids),
// multilingual (Arabic, Sorani, Badini and English in Iraq; Spanish and English in Guatemala),
// with realistic hours, contact routes, sites (shelters' confidential), coverage of a district,
// a governorate or a country, verification ages and a few closures. Services are spread over every
// district of Iraq and Guatemala, and one district (Mosul, IQG15Q05) holds MOSUL_SHARE of them,
// so a listing there grows with the directory as a large city's would (2,000 at 100,000).
//
// Records have the shape of the seed's sample directory (db/seed/sample-directory.mjs), so the
// seed's own statement builders write them and its derivation (`deriveListing`, through
// db/seed/build.mjs) computes their derived rows, as after every edit.
import { resolveService, sampleId } from '../../../db/seed/sample-directory.mjs';

export const MOSUL = 'IQG15Q05';
export const MOSUL_SHARE = 0.02;

/** A small seeded generator (mulberry32): the same size always gives the same directory. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IQ_LANGS = ['ar', 'ckb', 'kmr', 'en'];
const GT_LANGS = ['es', 'en'];
const pick = (text, languages) => Object.fromEntries(languages.filter((l) => text[l]).map((l) => [l, text[l]]));

/** Kinds of listing, with how often each occurs (weights), their texts and how they are reached. */
const KINDS = [
  {
    weight: 5,
    types: ['legal_aid'],
    names: {
      ar: 'مساعدة قانونية',
      ckb: 'یارمەتیی یاسایی',
      kmr: 'هاریکاریا یاسایی',
      en: 'Legal aid',
      es: 'Asistencia legal',
    },
    descriptions: {
      ar: 'استشارة قانونية مجانية وتمثيل أمام المحاكم في قضايا العنف الأسري والابتزاز الإلكتروني.',
      ckb: 'ڕاوێژی یاسایی بێبەرامبەر و نوێنەرایەتی لە دادگا بۆ توندوتیژیی خێزانی و هەڕەشەی ئەلیکترۆنی.',
      kmr: 'شیرەتا یاسایی بێ بەرامبەر و نوێنەرایەتی ل دادگەهێ بۆ توندوتیژیا خێزانی.',
      en: 'Free legal advice and representation in court for domestic violence and online extortion cases.',
      es: 'Asesoría legal gratuita y representación en juicio por violencia intrafamiliar y extorsión en línea.',
    },
    site: true,
  },
  {
    weight: 6,
    types: ['case_management'],
    names: {
      ar: 'متابعة الحالة',
      ckb: 'بەدواداچوونی بارودۆخ',
      kmr: 'دویڤچوونا بارودۆخی',
      en: 'Case management',
      es: 'Gestión de casos',
    },
    descriptions: {
      ar: 'تقييم وخطة أمان ومرافقة إلى الخدمات، بما فيه حالات الابتزاز عبر الإنترنت.',
      ckb: 'هەڵسەنگاندن و پلانی سەلامەتی و هاوڕێیەتی بۆ خزمەتگوزارییەکان.',
      kmr: 'هەلسەنگاندن و پلانا سەلامەتیێ و هەڤالینی بۆ خزمەتگوزاریان.',
      en: 'Assessment, safety planning and accompaniment to services, including online blackmail.',
      es: 'Valoración, plan de seguridad y acompañamiento a servicios, también por chantaje en línea.',
    },
    site: true,
  },
  {
    weight: 4,
    types: ['mhpss'],
    names: {
      ar: 'دعم نفسي واجتماعي',
      ckb: 'پشتگیریی دەروونی و کۆمەڵایەتی',
      kmr: 'پشتەڤانیا دەروونی و جڤاکی',
      en: 'Psychosocial support',
      es: 'Apoyo psicosocial',
    },
    descriptions: {
      ar: 'جلسات دعم فردية وجماعية مع أخصائيات.',
      ckb: 'دانیشتنی پشتگیریی تاکەکەسی و بەکۆمەڵ لەگەڵ پسپۆڕانی ئافرەت.',
      kmr: 'دانیشتنێن پشتەڤانیێ یێن تاکەکەسی و بکۆمەل.',
      en: 'Individual and group support sessions with women counsellors.',
      es: 'Sesiones de apoyo individuales y grupales con consejeras.',
    },
    site: true,
  },
  {
    weight: 3,
    types: ['health'],
    names: {
      ar: 'رعاية صحية',
      ckb: 'چاودێریی تەندروستی',
      kmr: 'چاڤدێریا ساخلەمیێ',
      en: 'Health care',
      es: 'Atención médica',
    },
    descriptions: {
      ar: 'رعاية طبية سرية بعد العنف، بما فيها الرعاية السريرية بعد الاغتصاب.',
      ckb: 'چاودێریی پزیشکیی نهێنی دوای توندوتیژی.',
      kmr: 'چاڤدێریا پزیشکی یا نهێنی پشتی توندوتیژیێ.',
      en: 'Confidential medical care after violence, including clinical care after rape.',
      es: 'Atención médica confidencial después de la violencia, incluida la atención clínica tras una violación.',
    },
    site: true,
  },
  {
    weight: 1,
    types: ['shelter'],
    names: {
      ar: 'مأوى آمن',
      ckb: 'پەناگەی سەلامەت',
      kmr: 'پەناگەها سەلامەت',
      en: 'Safe shelter',
      es: 'Albergue seguro',
    },
    descriptions: {
      ar: 'إيواء مؤقت آمن للنساء وأطفالهن. العنوان لا يُنشر.',
      ckb: 'حەوانەوەی کاتیی سەلامەت بۆ ئافرەتان و منداڵەکانیان. ناونیشان بڵاو ناکرێتەوە.',
      kmr: 'حەوانا دەمکی یا سەلامەت بۆ ئافرەتان و زارۆکێن وان.',
      en: 'Temporary safe accommodation for women and their children. The address is never published.',
      es: 'Alojamiento temporal seguro para mujeres y sus hijos. La dirección nunca se publica.',
    },
    site: true,
    confidential: true,
  },
  {
    weight: 2,
    types: ['digital_security'],
    names: {
      ar: 'أمان رقمي ومواجهة الابتزاز',
      ckb: 'ئاسایشی دیجیتاڵی',
      kmr: 'ئاسایشا دیجیتالی',
      en: 'Digital security help',
      es: 'Ayuda en seguridad digital',
    },
    descriptions: {
      ar: 'مساعدة في حماية الحسابات وحفظ الأدلة والإبلاغ عن الابتزاز الإلكتروني.',
      ckb: 'یارمەتی بۆ پاراستنی هەژمارەکان و پاراستنی بەڵگە.',
      kmr: 'هاریکاری بۆ پاراستنا هەژماران و پاراستنا بەلگەیان.',
      en: 'Help securing accounts, keeping evidence and reporting online extortion.',
      es: 'Ayuda para proteger cuentas, guardar pruebas y denunciar la extorsión en línea.',
    },
    site: false,
  },
  {
    weight: 1,
    types: ['hotline'],
    names: { ar: 'خط المساعدة', ckb: 'هێڵی یارمەتی', kmr: 'هێلا هاریکاریێ', en: 'Helpline', es: 'Línea de ayuda' },
    descriptions: {
      ar: 'خط هاتفي مجاني للاستماع والإحالة.',
      ckb: 'هێڵی تەلەفۆنی بێبەرامبەر بۆ گوێگرتن و ڕەوانەکردن.',
      kmr: 'هێلا تەلەفونێ یا بێ بەرامبەر بۆ گوهداریێ و رەوانەکرنێ.',
      en: 'Free phone line for listening and referral.',
      es: 'Línea telefónica gratuita de escucha y derivación.',
    },
    site: false,
    hotline: true,
  },
  {
    weight: 1,
    types: ['police'],
    names: {
      ar: 'مكتب شكاوى الشرطة',
      ckb: 'نووسینگەی سکاڵای پۆلیس',
      kmr: 'نڤیسینگەها سکالایێن پۆلیسی',
      en: 'Police complaints desk',
      es: 'Oficina de denuncias de la policía',
    },
    descriptions: {
      ar: 'تسجيل الشكاوى الجزائية، بما فيها الابتزاز الإلكتروني.',
      ckb: 'تۆمارکردنی سکاڵای تاوانکاری.',
      kmr: 'تومارکرنا سکالایێن تاوانکاریێ.',
      en: 'Takes criminal complaints, including online extortion.',
      es: 'Recibe denuncias penales, incluida la extorsión en línea.',
    },
    site: true,
  },
];
const TOTAL_WEIGHT = KINDS.reduce((sum, k) => sum + k.weight, 0);

const HOURS = {
  IQ: ['Su-Th 08:00-14:00', 'Su-Th 09:00-15:00', 'Sa-Th 08:00-16:00', 'Su-Th 08:00-14:00; Th 08:00-12:00'],
  GT: ['Mo-Fr 08:00-16:00; Sa 08:00-12:00', 'Mo-Fr 07:30-15:30', 'Mo-Fr 09:00-17:00'],
};
const EVENING = { IQ: 'Su-Th 16:00-22:00', GT: 'Mo-Fr 16:00-20:00' };
const LABELS = {
  office: {
    ar: 'هاتف المكتب',
    ckb: 'تەلەفۆنی نووسینگە',
    kmr: 'تەلەفونا نڤیسینگەهێ',
    en: 'Office phone',
    es: 'Teléfono',
  },
  whatsapp: { ar: 'واتساب', ckb: 'واتسئاپ', kmr: 'واتسئاپ', en: 'WhatsApp', es: 'WhatsApp' },
  walkIn: {
    ar: 'الحضور شخصياً',
    ckb: 'سەردانی ڕاستەوخۆ',
    kmr: 'سەرەدانا راستەوخۆ',
    en: 'Walk in',
    es: 'Atención presencial',
  },
  referrals: {
    ar: 'الإحالات (للعاملين فقط)',
    ckb: 'ڕەوانەکردن (تەنها بۆ کارمەندان)',
    kmr: 'رەوانەکرن (بتنێ بۆ کارمەندان)',
    en: 'Referrals (practitioners only)',
    es: 'Derivaciones (solo profesionales)',
  },
};
const ORGS_PER_GOVERNORATE = 6;
const ORG_NAMES = {
  ar: 'منظمة الأمان',
  ckb: 'ڕێکخراوی ئاسایش',
  kmr: 'رێکخراوا ئاسایشێ',
  en: 'Aman organisation',
  es: 'Organización Refugio',
};

const DAY_MS = 86_400_000;
const iso = (ms) => new Date(ms).toISOString();

/**
 * Chunks of the synthetic directory (`{ organisations, locations, services }` in the sample's
 * shape), `chunkSize` services each, `count` in all.
 * @param {{ count: number, areas: ReturnType<typeof import('../../../db/seed/areas.mjs').loadAreas>, now: Date,
 *   chunkSize?: number }} options
 */
export function* syntheticDirectory({ count, areas, now, chunkSize = 2000 }) {
  const random = generator(count);
  const between = (n) => Math.floor(random() * n);
  const districts = areas.filter((a) => a.level === 2).sort((a, b) => (a.pcode < b.pcode ? -1 : 1));
  const byPcode = new Map(areas.map((a) => [a.pcode, a]));
  const childrenOf = new Map();
  for (const a of areas) {
    if (a.level === 3) childrenOf.set(a.parentPcode, [...(childrenOf.get(a.parentPcode) ?? []), a]);
  }
  const mosul = byPcode.get(MOSUL);
  const inMosul = Math.round(count * MOSUL_SHARE);
  const t = now.getTime();
  const stamp = { createdAt: iso(t - 400 * DAY_MS), updatedAt: iso(t - 20 * DAY_MS) };
  const governorateOf = (area) => {
    let a = area;
    while (a.level > 1) a = byPcode.get(a.parentPcode);
    return a;
  };
  const orgByKey = new Map();

  for (let start = 0; start < count; start += chunkSize) {
    // `newOrganisations` are written with this chunk; `organisations` holds every one its services
    // belong to (the derivation reads their names).
    const newOrganisations = [];
    const organisations = new Map();
    const locations = [];
    const services = [];
    for (let i = start; i < Math.min(count, start + chunkSize); i++) {
      // The first `inMosul` go to Mosul, the others round the districts of both countries.
      const district = i < inMosul ? mosul : districts[(i - inMosul) % districts.length];
      const country = district.country;
      const languages = country === 'IQ' ? IQ_LANGS : GT_LANGS;
      const governorate = governorateOf(district);
      let r = random() * TOTAL_WEIGHT;
      const kind = KINDS.find((k) => (r -= k.weight) < 0) ?? KINDS[0];
      const orgKey = `bench-org-${governorate.pcode}-${between(ORGS_PER_GOVERNORATE)}`;
      if (!orgByKey.has(orgKey)) {
        const organisation = {
          id: sampleId(`organisation:${orgKey}`),
          key: orgKey,
          names: Object.fromEntries(
            Object.entries(pick(ORG_NAMES, languages)).map(([l, v]) => [
              l,
              `${v} ${governorate.names[l] ?? ''}`.trim(),
            ]),
          ),
          descriptions: {},
          website: `https://example.org/bench/${orgKey}`,
          isSample: true,
          ...stamp,
        };
        orgByKey.set(orgKey, organisation);
        newOrganisations.push(organisation);
      }
      organisations.set(orgKey, orgByKey.get(orgKey));
      const place = (l) => district.names[l] ?? district.names.en;
      const names = Object.fromEntries(
        Object.entries(pick(kind.names, languages)).map(([l, v]) => [l, `${v} - ${place(l)} ${i + 1}`]),
      );
      const hours = HOURS[country][between(HOURS[country].length)];
      const key = `bench-${i}`;
      const at = [];
      if (kind.site) {
        const sub = childrenOf.get(district.pcode);
        const siteArea = sub && random() < 0.7 ? sub[between(sub.length)] : district;
        const locationKey = `bench-site-${i}`;
        const lon = siteArea.minLon + (siteArea.maxLon - siteArea.minLon) * (0.3 + 0.4 * random());
        const lat = siteArea.minLat + (siteArea.maxLat - siteArea.minLat) * (0.3 + 0.4 * random());
        locations.push({
          id: sampleId(`location:${locationKey}`),
          key: locationKey,
          organisationId: sampleId(`organisation:${orgKey}`),
          names,
          address: pick(
            {
              ar: `${place('ar')}، شارع ${i % 90}`,
              en: `Street ${i % 90}, ${place('en')}`,
              es: `Calle ${i % 90}, ${place('es')}`,
            },
            languages,
          ),
          areaPcode: siteArea.pcode,
          lon: Math.round(lon * 1e5) / 1e5,
          lat: Math.round(lat * 1e5) / 1e5,
          isConfidential: Boolean(kind.confidential),
          ...stamp,
        });
        at.push({ location: locationKey, hours: kind.confidential ? '24/7' : hours });
      }
      const verificationRoll = random();
      const verification =
        verificationRoll < 0.55
          ? { status: 'verified', ageDays: between(180), by: 'bench', method: 'call' }
          : { status: 'unverified', note: null };
      const phone = (n) =>
        country === 'IQ'
          ? `+96477000${String(n % 100000).padStart(5, '0')}`
          : `+5020000${String(n % 10000).padStart(4, '0')}`;
      const routes = [
        {
          key: 'phone',
          kind: 'phone',
          value: phone(i),
          visibility: 'public',
          labels: pick(LABELS.office, languages),
          languages: [languages[0]],
          hours: kind.hotline ? '24/7' : hours,
          verification,
        },
      ];
      if (random() < 0.35) {
        routes.push({
          key: 'whatsapp',
          kind: 'whatsapp',
          value: phone(i + 50000),
          visibility: 'public',
          labels: pick(LABELS.whatsapp, languages),
          languages: [languages[0]],
          hours: EVENING[country],
        });
      }
      if (kind.site && !kind.confidential) {
        routes.push({
          key: `walk-in:bench-site-${i}`,
          kind: 'walk_in',
          value: sampleId(`location:bench-site-${i}`),
          visibility: 'public',
          labels: pick(LABELS.walkIn, languages),
          hours,
        });
      }
      if (random() < 0.3) {
        routes.push({
          key: 'referrals',
          kind: 'phone',
          value: country === 'IQ' ? `+9647700000${900 + (i % 100)}` : `+50200000${900 + (i % 100)}`,
          visibility: 'practitioner',
          labels: pick(LABELS.referrals, languages),
          hours,
        });
      }
      // Coverage: most serve their district; some their governorate; a few (hotlines) the country.
      const reach = random();
      const areaPcodes =
        kind.hotline && reach < 0.1
          ? [country]
          : reach < 0.15
            ? [governorate.pcode]
            : [i < inMosul ? MOSUL : district.pcode];
      const closures =
        random() < 0.02
          ? [
              {
                key: 'holiday',
                startsDays: -1,
                endsDays: 2,
                closes: true,
                reason: pick({ ar: 'عطلة رسمية', en: 'Public holiday', es: 'Feriado' }, languages),
              },
            ]
          : [];
      services.push(
        resolveService(
          {
            key,
            org: orgKey,
            types: kind.types,
            names,
            descriptions: pick(kind.descriptions, languages),
            cost: ['free', {}],
            femaleStaff: random() < 0.6 ? 'yes' : 'unknown',
            gender: 'any',
            languages: [languages[0]],
            country,
            source: {
              description: 'Synthetic benchmark data',
              url: `https://example.org/bench/${key}`,
              daysAgo: between(200),
            },
            verification,
            at,
            areas: areaPcodes,
            routes,
            closures,
          },
          now,
        ),
      );
    }
    yield { organisations: [...organisations.values()], newOrganisations, locations, services };
  }
}
