// The SAMPLE directory: fictional organisations and services for demos and tests, plus the
// publicly documented national channels as unverified records.
//
// Safety rules this file keeps:
// - Every fictional organisation has is_sample = 1 and says "(sample)" in every language it has.
//   Their numbers come from blocks no operator assigns to people: +964 770 000 0xxx,
//   +964 750 000 0xxx, +502 0000 0xxx; emails and URLs are under example.org (RFC 2606).
// - Real bodies (Iraq Community Police 497/533, National Security Service 131, KRI helpline 119,
//   Guatemala Ministerio Público 1572, PNC 110, and the pathways' bodies such as SEED Foundation and
//   Panawar) are `is_sample = 0`, `verification_status = 'unverified'`, and say nothing that
//   PRODUCT.md or their public source does not (M6, principle 2). Their texts never
//   state their verification (the badge does, and stays true when they are verified); their
//   source is a public reference or empty ("source not recorded yet").
// - Practitioner-only values (C3) contain the word PRACTITIONER-ONLY or a number from the 09xx
//   block, and the confidential shelter (C9) has a distinctive address and coordinates, so leak
//   tests can search public responses for SAMPLE_MARKERS and CONFIDENTIAL_LOCATION_MARKERS.
//
// Dates are relative to `now`, so verification ages, overdue statuses and closures stay the same
// whenever the seed is built.

import { nameUuid } from '../../api/domain/name-uuid.ts';
import { sortName, verificationCycleDays } from '../../api/domain/listing-index.ts';
import { serviceTypes } from './service-types.mjs';
import { insertRow } from './sql.mjs';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Namespace for the sample's name-based UUIDs (RFC 4122 §4.3); any fixed UUID will do. */
const SAMPLE_NAMESPACE = '6f1d2b8e-3c4a-4e5f-9a7b-0c1d2e3f4a5b';

/**
 * A deterministic UUID for a stable sample name: SHA-1 of namespace + name in the version-5
 * layout. HSDS 3 requires `uuid` ids, and fixed ids keep URLs and tests stable across builds.
 */
export function sampleId(name) {
  return nameUuid(SAMPLE_NAMESPACE, name);
}

const orgId = (key) => sampleId(`organisation:${key}`);
const locationId = (key) => sampleId(`location:${key}`);
const serviceId = (key) => sampleId(`service:${key}`);

// ---------------------------------------------------------------------------------------------
// Texts shared by several listings. Kurdish: Sorani (ckb) and Badini (kmr), both in Arabic
// script; the Badini is best-effort and should be reviewed by a Badini speaker (M8).
// ---------------------------------------------------------------------------------------------

const SAMPLE_SUFFIX = { ar: '(نموذج)', ckb: '(نموونە)', kmr: '(نموونە)', en: '(sample)', es: '(muestra)' };

/** Marks a text as sample data in every language it has. */
function sample(text) {
  return Object.fromEntries(
    Object.entries(text).map(([language, value]) => [language, `${value} ${SAMPLE_SUFFIX[language]}`]),
  );
}

/** "What happens when you contact" (S7): stated on every listing. */
const AFTER = {
  ngo: {
    ar:
      'يستمع إليك أحد العاملين ويشرح الخيارات المتاحة. لن يتواصل الموظفون مع عائلتك دون موافقتك، ' +
      'والقرار في الخطوات التالية لك.',
    ckb:
      'کارمەندێک گوێت لێ دەگرێت و بژاردەکانت بۆ ڕوون دەکاتەوە. ' +
      'کارمەندان بەبێ ڕەزامەندیی تۆ پەیوەندی بە خێزانەکەتەوە ناکەن، و بڕیاری هەنگاوەکانی داهاتوو بە دەستی خۆتە.',
    kmr:
      'کارمەندەک دێ گوهێ خۆ دەتە تە و هەلبژارتنان بۆ تە روون کەت. ' +
      'کارمەند بێ رەزامەندیا تە پەیوەندیێ ب خێزانا تە ناکەن، و بڕیارا هەنگاڤێن پاشتر د دەستێ تە دایە.',
    en:
      'A staff member listens and explains your options. Staff will not contact your family without your consent, ' +
      'and you decide the next steps.',
    es:
      'Una persona del equipo te escucha y te explica tus opciones. ' +
      'El personal no contactará a tu familia sin tu consentimiento y tú decides los siguientes pasos.',
  },
  police: {
    ar:
      'تسجّل الشرطة الشكوى وقد تستدعي الطرف الآخر. قد يُعرض الصلح أو الوساطة، ويحق لك الرفض. ' +
      'قد تؤدي الشكوى إلى فتح قضية جزائية.',
    ckb:
      'پۆلیس سکاڵاکە تۆمار دەکات و لەوانەیە لایەنەکەی تر بانگهێشت بکات. ' +
      'لەوانەیە ئاشتکردنەوە یان ناوبژیوانی پێشنیار بکرێت، و مافی ئەوەت هەیە ڕەتی بکەیتەوە. ' +
      'سکاڵا لەوانەیە ببێتە هۆی کردنەوەی دۆسیەیەکی سزایی.',
    kmr:
      'پۆلیس دێ سکالایێ تۆمار کەت و رەنگە لایەنێ دی بانگ بکەت. رەنگە ئاشتکرن یان نافبژیکرن بێتە پێشنیارکرن، ' +
      'و مافێ تە هەیە رەت بکەی. سکالا دبیت ببیتە ئەگەرێ ڤەکرنا دۆسیەکا سزایی.',
    en:
      'Police will register your complaint and may summon the other party. ' +
      'Mediation or reconciliation may be offered — you can refuse. A complaint can open a criminal case.',
  },
  health: {
    ar: 'تأتي الرعاية الطبية أولاً. قبل أي فحص، يوضح الطاقم ما إذا كان ملزماً بإبلاغ الشرطة، ليكون القرار لك.',
    ckb:
      'چاودێریی پزیشکی یەکەمە. پێش هەر پشکنینێک، ستافەکە ڕوونی دەکاتەوە ئایا ناچارە پۆلیس ئاگادار بکاتەوە یان نا، ' +
      'بۆ ئەوەی بڕیار بە دەستی خۆت بێت.',
    kmr:
      'چاڤدێریا پزیشکی یا ئێکێ یە. بەری هەر پشکنینەکێ، ستاف دێ روون کەت کا ئەو نەچارە پۆلیسی ئاگەهدار بکەت یان نە، ' +
      'دا کو بڕیار د دەستێ تە دا بیت.',
    en:
      'Medical care comes first. Before any examination, staff explain whether they are required to inform the ' +
      'police, so the decision stays yours.',
    es:
      'La atención médica es lo primero. Antes de cualquier examen, el personal explica si está obligado a informar ' +
      'a la policía, para que puedas decidir.',
  },
  hotline: {
    ar: 'يمكنك التحدث دون ذكر اسمك. يقدّم المستشار معلومات، ولا يحيلك إلى خدمات أخرى إلا بموافقتك.',
    ckb:
      'دەتوانیت بەبێ وتنی ناوت قسە بکەیت. ڕاوێژکار زانیاری دەدات و تەنها بە ڕەزامەندیی تۆ ڕەوانەت دەکات بۆ ' +
      'خزمەتگوزارییەکانی تر.',
    kmr:
      'تو دشێی بێ گۆتنا ناڤێ خۆ باخڤی. شێورەکار دێ پێزانینان دەت و تنێ ب رەزامەندیا تە دێ تە رەوانەی خزمەتگوزاریێن ' +
      'دی کەت.',
    en:
      'You can talk without giving your name. The counsellor gives information and refers you to other services only ' +
      'with your consent.',
    es:
      'Puedes hablar sin dar tu nombre. La persona consejera te informa y solo te deriva a otros servicios con tu ' +
      'consentimiento.',
  },
  legal: {
    ar:
      'يقيّم المحامي وضعك ويشرح الخيارات القانونية. لا تُرفع أي دعوى دون موافقتك. قد تعرض المحكمة الصلح، ' +
      'ويحق لك الرفض.',
    ckb:
      'پارێزەر بارودۆخەکەت هەڵدەسەنگێنێت و بژاردە یاساییەکان ڕوون دەکاتەوە. ' +
      'هیچ داوایەک بەبێ ڕەزامەندیی تۆ تۆمار ناکرێت. لەوانەیە دادگا ئاشتکردنەوە پێشنیار بکات، ' +
      'و دەتوانیت ڕەتی بکەیتەوە.',
    kmr:
      'پارێزەر دێ رەوشا تە هەلسەنگینیت و هەلبژارتنێن یاسایی روون کەت. ' +
      'چو داخواز بێ رەزامەندیا تە ناهێنە تۆمارکرن. رەنگە دادگەه ئاشتکرنێ پێشنیار بکەت، و تو دشێی رەت بکەی.',
    en:
      'A lawyer assesses your situation and explains your legal options. No case is filed without your consent. ' +
      'A court may offer reconciliation — you can refuse.',
    es:
      'Una abogada o un abogado evalúa tu situación y te explica tus opciones legales. ' +
      'No se presenta ninguna denuncia sin tu consentimiento.',
  },
  // Third person: on Masar's page, "we" would read as Masar.
  digital: {
    ar:
      'يساعد الفريق في تأمين الحسابات وحفظ الأدلة وطلب حذف المحتوى من المنصات. ينصح الفريق بعدم الدفع للمبتز. ' +
      'لا يتواصل الفريق مع الشرطة أو العائلة إلا بطلب منك.',
    ckb:
      'تیمەکە یارمەتی دەدات لە پاراستنی هەژمارەکان، هەڵگرتنی بەڵگەکان و داواکردنی سڕینەوەی ناوەڕۆک لە پلاتفۆرمەکان. ' +
      'تیمەکە ئامۆژگاری دەکات پارە بە هەڕەشەکەر نەدرێت. تەنها بە داوای خۆت پەیوەندی بە پۆلیس یان خێزانەوە دەکەن.',
    kmr:
      'تیم هاریکاریێ دکەت د پاراستنا حسابان، پاراستنا بەلگەیان و داخوازا ژێبرنا ناڤەرۆکێ ژ پلاتفۆرمان دا. ' +
      'تیم شیرەت دکەت پارە نەهێتە دان بۆ گەفکەری. تنێ ب داخوازا تە ئەو پەیوەندیێ ب پۆلیسی یان خێزانێ دکەن.',
    en:
      'The team helps secure accounts, preserve evidence and request removal of content from platforms. ' +
      'They advise not paying the extorter. They contact police or family only if you ask them to.',
    es:
      'El equipo te ayuda a proteger tus cuentas, guardar pruebas y pedir a las plataformas que retiren el ' +
      'contenido. Recomiendan no pagar a quien te extorsiona. ' +
      'Solo contactan a la policía o a tu familia si tú lo pides.',
  },
  shelter: {
    ar:
      'يتم القبول عبر إحالة من باحث اجتماعي أو من الخط الساخن، ويُرتَّب النقل إلى الموقع بشكل آمن. ' +
      'لا تُبلَّغ العائلة بمكان الإقامة.',
    ckb:
      'وەرگرتن لە ڕێگەی ڕەوانەکردن لە توێژەری کۆمەڵایەتی یان هێڵی گەرمەوەیە، ' +
      'و گواستنەوە بۆ شوێنەکە بە سەلامەتی ڕێک دەخرێت. خێزانەکەت لە شوێنی مانەوەت ئاگادار ناکرێتەوە.',
    kmr:
      'وەرگرتن ب رێکا رەوانەکرنێ ژ توێژەرێ جڤاکی یان هێلا گەرم دبیت، ' +
      'و گواستن بۆ جهی ب شێوەیەکێ پاراستی دهێتە رێکخستن. خێزانا تە ناهێتە ئاگەهدارکرن کا تو ل کیڤە دمینی.',
    en:
      'Admission is through a referral from a caseworker or the hotline, and transport to the site is arranged ' +
      'safely. Your family is not told where you are staying.',
  },
  cash: {
    ar: 'يُحدَّد الاستحقاق بعد مقابلة سرية مع باحث اجتماعي. يُسلَّم المبلغ إليك مباشرة، ولا يُبلَّغ أي فرد من العائلة.',
    ckb:
      'شایستەبوون دوای چاوپێکەوتنێکی نهێنی لەگەڵ توێژەری کۆمەڵایەتی دیاری دەکرێت. پارەکە ڕاستەوخۆ بە خۆت دەدرێت، ' +
      'و هیچ ئەندامێکی خێزان ئاگادار ناکرێتەوە.',
    kmr:
      'شیان پشتی دیدارەکا نهێنی دگەل توێژەرێ جڤاکی دیار دبیت. پارە راستەوخۆ دێ دەنە تە، ' +
      'و چو ئەندامێن خێزانێ ناهێنە ئاگەهدارکرن.',
    en:
      'Eligibility is decided after a confidential interview with a caseworker. Cash is given to you directly; ' +
      'no family member is informed.',
  },
  youth: {
    ar:
      'يتحدث إليك مختص مدرَّب على العمل مع اليافعين. لا يُبلَّغ الأهل أو مقدم الرعاية إلا بموافقتك، ' +
      'ما لم يوجد خطر جسيم على سلامتك.',
    kmr:
      'پسپۆرەکێ راهێنای بۆ کارکرنێ دگەل گەنجان دێ دگەل تە ئاخڤیت. ' +
      'دەیک و باب یان چاڤدێر ناهێنە ئاگەهدارکرن ب بێ رەزامەندیا تە، ئەگەر مەترسیەکا مەزن ل سەر سەلامەتیا تە نەبیت.',
    en:
      'A worker trained to support young people talks with you. ' +
      'A parent or caregiver is told only with your agreement, unless there is a serious risk to your safety.',
  },
  unconfirmed: {
    ar: 'غير معروف بعد. اسأل عمّا سيحدث عندما تتواصل معهم.',
    ckb: 'هێشتا نەزانراوە. کاتێک پەیوەندییان پێوە دەکەیت بپرسە چی ڕوودەدات.',
    kmr: 'هێشتا نەدیارە. دەمێ تو پەیوەندیێ ب وان دکەی بپرسە کا دێ چ قەومیت.',
    en: 'Not known yet. Ask what will happen when you contact them.',
    es: 'Aún no se sabe. Pregunta qué pasará cuando los contactes.',
  },
};

const CONF = {
  ngo: {
    ar: 'المعلومات سرية ولا تُشارَك إلا بموافقتك، إلا عند وجود خطر جسيم على الحياة.',
    ckb: 'زانیارییەکان نهێنین و تەنها بە ڕەزامەندیی تۆ هاوبەش دەکرێن، جگە لە کاتی مەترسیی گەورە بۆ سەر ژیان.',
    kmr: 'پێزانین نهێنینە و تنێ ب رەزامەندیا تە دهێنە پارڤەکرن، ژبلی دەمێ مەترسیا مەزن ل سەر ژیانێ.',
    en: 'Information is confidential and shared only with your consent, except where there is a serious risk to life.',
    es: 'La información es confidencial y solo se comparte con tu consentimiento, salvo riesgo grave para la vida.',
  },
  police: {
    ar: 'يتطلب تسجيل الشكوى ذكر الاسم وتقديم الهوية، وتُحفَظ الشكاوى في سجلات الشرطة.',
    ckb: 'تۆمارکردنی سکاڵا پێویستی بە ناو و ناسنامە هەیە، و سکاڵاکان لە تۆمارەکانی پۆلیسدا هەڵدەگیرێن.',
    kmr: 'تۆمارکرنا سکالایێ پێدڤی ب ناڤ و ناسنامەیێ هەیە، و سکالا د تۆمارێن پۆلیسی دا دهێنە پاراستن.',
    en: 'Registering a complaint requires your name and ID; complaints are kept in police records.',
  },
  // Said after "You can contact them without giving your name": only what that does not say,
  // in the third person (a note in the service's voice, "contact us", reads as Masar's own).
  anonymous: {
    ar: 'لا تُسجَّل المكالمات.',
    ckb: 'پەیوەندییەکان تۆمار ناکرێن.',
    kmr: 'پەیوەندی ناهێنە تۆمارکرن.',
    en: 'Calls are not recorded.',
    es: 'Las llamadas no se graban.',
  },
  health: {
    ar: 'يُحفَظ الملف الطبي بسرية ولا يُسلَّم لأحد دون موافقتك إلا إذا ألزم القانون بذلك.',
    ckb: 'دۆسیەی پزیشکی بە نهێنی هەڵدەگیرێت و بەبێ ڕەزامەندیی تۆ نادرێت بە کەس، مەگەر یاسا داوای بکات.',
    kmr: 'دۆسیا پزیشکی ب نهێنی دهێتە پاراستن و بێ رەزامەندیا تە ناهێتە دان ب کەسێ، ئەگەر یاسا داخواز نەکەت.',
    en: 'Medical records are kept confidential and given to no one without your consent unless the law requires it.',
    es:
      'El expediente médico es confidencial y no se entrega a nadie sin ' +
      'tu consentimiento, salvo que la ley lo exija.',
  },
  // "Not known whether you can stay anonymous" is already said by the page.
  unknown: null,
};

// Notes add to the structured fact or are absent: "Free" needs no note saying "free of charge",
// and "not known" no note saying "not yet confirmed".
const COST = { free: null, unknown: null };

// Eligibility notes say what the page's own sentence ("Adults (18 and over)", "Women and girls,
// aged 12 and over", "Anyone") does not.
const ELIG = {
  adults: {
    ar: 'يُحال من هم دون ١٨ سنة إلى خدمات حماية الطفل.',
    ckb: 'ئەوانەی تەمەنیان لە خوار ١٨ ساڵەوەیە ڕەوانەی خزمەتگوزارییەکانی پاراستنی منداڵ دەکرێن.',
    kmr: 'یێن ژ ١٨ سالیێ کێمتر دێ هێنە رەوانەکرن بۆ خزمەتگوزاریێن پاراستنا زارۆکان.',
    en: 'Under-18s are referred to child-protection services.',
    es: 'Las personas menores de 18 años se derivan a servicios de protección infantil.',
  },
  womenGirls: null,
  everyone: null,
};

const LABEL = {
  office: {
    ar: 'هاتف المكتب',
    ckb: 'تەلەفۆنی نووسینگە',
    kmr: 'تەلەفونا نڤیسینگەهێ',
    en: 'Office phone',
    es: 'Teléfono de la oficina',
  },
  eveningWhatsapp: {
    ar: 'واتساب مسائي',
    ckb: 'واتسئاپی ئێواران',
    kmr: 'واتسئاپا ئێڤاران',
    en: 'Evening WhatsApp',
    es: 'WhatsApp por la tarde',
  },
  whatsapp: { ar: 'واتساب', ckb: 'واتسئاپ', kmr: 'واتسئاپ', en: 'WhatsApp', es: 'WhatsApp' },
  walkIn: {
    ar: 'الحضور الشخصي',
    ckb: 'سەردانی ڕاستەوخۆ',
    kmr: 'سەرەدانا راستەوخۆ',
    en: 'Walk in',
    es: 'Atención presencial',
  },
  hotline24: {
    ar: 'خط ساخن على مدار ٢٤ ساعة',
    ckb: 'هێڵی گەرمی ٢٤ کاتژمێری',
    kmr: 'هێلا گەرم یا ٢٤ دەمژمێری',
    en: '24-hour hotline',
    es: 'Línea de 24 horas',
  },
  sms: {
    ar: 'رسالة نصية',
    ckb: 'نامەی کورت',
    kmr: 'نامەیا کورت',
    en: 'Text message (SMS)',
    es: 'Mensaje de texto (SMS)',
  },
  email: { ar: 'البريد الإلكتروني', ckb: 'ئیمەیڵ', kmr: 'ئیمەیل', en: 'Email', es: 'Correo electrónico' },
  webForm: {
    ar: 'نموذج إلكتروني',
    ckb: 'فۆرمی ئۆنلاین',
    kmr: 'فۆرما ئۆنلاین',
    en: 'Online form',
    es: 'Formulario en línea',
  },
  signal: { ar: 'سيغنال', ckb: 'سیگناڵ', kmr: 'سیگنال', en: 'Signal', es: 'Signal' },
  telegramNight: {
    ar: 'تيليغرام (ليلي)',
    ckb: 'تێلێگرام (شەوان)',
    kmr: 'تێلێگرام (شەڤان)',
    en: 'Telegram (night line)',
    es: 'Telegram (línea nocturna)',
  },
  admissions: {
    ar: 'خط القبول (بالإحالة)',
    ckb: 'هێڵی وەرگرتن (بە ڕەوانەکردن)',
    kmr: 'هێلا وەرگرتنێ (ب رەوانەکرنێ)',
    en: 'Admissions line (by referral)',
  },
  practitioner: {
    ar: 'خط الإحالة للعاملين',
    ckb: 'هێڵی ڕەوانەکردن بۆ کارمەندان',
    kmr: 'هێلا رەوانەکرنێ بۆ کارمەندان',
    en: 'PRACTITIONER-ONLY referral line',
    es: 'Línea de referencia PRACTITIONER-ONLY',
  },
};

const NOTE = {
  deleteChat: {
    ar: 'رسائل فقط. إذا كان الهاتف مشتركاً، احذف المحادثة بعد الاستخدام.',
    ckb: 'تەنها نامە. ئەگەر مۆبایلەکە هاوبەشە، دوای بەکارهێنان گفتوگۆکە بسڕەوە.',
    kmr: 'تنێ نامە. ئەگەر مۆبایل یێ هەڤپشک بیت، پشتی بکارئینانێ ئاخفتنێ ژێببە.',
    en: 'Messages only. If the phone is shared, delete the chat after use.',
    es: 'Solo mensajes. Si el teléfono es compartido, borra el chat después de usarlo.',
  },
  // Plain, non-graphic words: what to do and why, not clinical terms.
  cmr72: {
    ar: 'بعد الاعتداء الجنسي، من الأفضل الحضور خلال ٧٢ ساعة إن أمكن: الرعاية المبكرة تقي من الحمل والعدوى.',
    ckb:
      'دوای دەستدرێژیی سێکسی، ئەگەر دەکرێت لە ماوەی ٧٢ کاتژمێردا وەرە: ' +
      'چارەسەری زوو ڕێگری لە سکپڕی و تووشبوون دەکات.',
    kmr:
      'پشتی دەستدرێژیا سێکسی، ئەگەر بشێی د ناڤبەرا ٧٢ دەمژمێران دا وەرە: ' +
      'چارەسەریا زوو رێگریێ ل دووگیانی و نەخۆشیان دکەت.',
    en: 'After a sexual assault, come within 72 hours if you can: early care can prevent pregnancy and infection.',
    es:
      'Después de una agresión sexual, ven dentro de las 72 horas si puedes: ' +
      'la atención temprana puede prevenir el embarazo y las infecciones.',
  },
};

/** Roles, never personal names, for `last_verified_by` (M1). */
const ROLE = {
  karbala: 'Referral pathway focal point, Karbala GBV working group (sample)',
  ninewa: 'GBV sub-cluster coordinator, Ninewa (sample)',
  baghdad: 'GBV sub-cluster coordinator, Baghdad (sample)',
  erbil: 'GBV sub-working group coordinator, Erbil (sample)',
  duhok: 'GBV sub-working group coordinator, Duhok (sample)',
  sulaymaniyah: 'Protection partner focal point, Sulaymaniyah (sample)',
  masar: 'Masar data maintainer (sample)',
  guatemala: 'Coordinadora de la mesa de protección, Guatemala (muestra)',
  altaVerapaz: 'Referral focal point, Alta Verapaz protection network (sample)',
};

/** Practitioner-only focal-point roles (C3). */
const FOCAL = {
  caseManagement: {
    ar: 'مسؤولة فريق إدارة الحالة',
    ckb: 'سەرۆکی تیمی بەڕێوەبردنی کەیس',
    kmr: 'سەرۆکا تیما رێڤەبرنا کەیسی',
    en: 'Case management team leader',
    es: 'Coordinadora de gestión de casos',
  },
  mhpss: {
    ar: 'مشرفة الدعم النفسي',
    ckb: 'سەرپەرشتیاری پاڵپشتیی دەروونی',
    kmr: 'سەرپەرشتیارا پشتەڤانیا دەروونی',
    en: 'MHPSS supervisor',
    es: 'Supervisora de apoyo psicosocial',
  },
  legal: {
    ar: 'منسق الإحالات القانونية',
    ckb: 'هەماهەنگکاری ڕەوانەکردنی یاسایی',
    kmr: 'هەماهەنگکارێ رەوانەکرنا یاسایی',
    en: 'Legal referral coordinator',
    es: 'Coordinador de referencias legales',
  },
  health: {
    ar: 'الطبيبة المناوبة',
    ckb: 'پزیشکی نۆبەدار',
    kmr: 'نۆژدارا نۆبەدار',
    en: 'Duty doctor',
    es: 'Médica de turno',
  },
  police: {
    ar: 'ضابطة مكتب النوع الاجتماعي',
    ckb: 'ئەفسەری مێزی جێندەر',
    kmr: 'ئەفسەرا مێزا جێندەری',
    en: 'Gender desk officer',
    es: 'Oficial de la mesa de género',
  },
  digital: {
    ar: 'مسؤول مكتب المساعدة الرقمية',
    ckb: 'بەرپرسی مێزی یارمەتیی دیجیتاڵی',
    kmr: 'بەرپرسێ مێزا هاریکاریا دیجیتالی',
    en: 'Digital helpdesk lead',
    es: 'Responsable de la mesa de ayuda digital',
  },
  shelter: {
    ar: 'مديرة الدار',
    ckb: 'بەڕێوەبەری ماڵەکە',
    kmr: 'رێڤەبەرا مالێ',
    en: 'House manager',
    es: 'Directora de la casa',
  },
  safeSpace: {
    ar: 'منسقة المساحة الآمنة',
    ckb: 'هەماهەنگکاری شوێنی سەلامەت',
    kmr: 'هەماهەنگکارا جهێ پاراستی',
    en: 'Safe-space coordinator',
    es: 'Coordinadora del espacio seguro',
  },
  cash: {
    ar: 'مسؤول الإحالات النقدية',
    ckb: 'بەرپرسی ڕەوانەکردنی هاوکاریی پارەیی',
    kmr: 'بەرپرسێ رەوانەکرنا هاریکاریا دراڤی',
    en: 'Cash referral focal point',
    es: 'Punto focal de asistencia en efectivo',
  },
  hotline: {
    ar: 'مشرفة الخط الساخن',
    ckb: 'سەرپەرشتیاری هێڵی گەرم',
    kmr: 'سەرپەرشتیارا هێلا گەرم',
    en: 'Hotline supervisor',
    es: 'Supervisora de la línea',
  },
};

const PRACTITIONER_ONLY = 'PRACTITIONER-ONLY';

const INTAKE = {
  form: (email) => ({
    ar:
      `أرسل استمارة الإحالة المشتركة بين الوكالات (نموذج) إلى ${email} بعد الحصول على الموافقة المستنيرة، ` +
      'ثم اتصل بنقطة الاتصال.',
    ckb:
      `فۆرمی ڕەوانەکردنی نێوان ڕێکخراوەکان (نموونە) بنێرە بۆ ${email} دوای وەرگرتنی ڕەزامەندیی ئاگادارانە، ` +
      'پاشان پەیوەندی بە خاڵی پەیوەندییەوە بکە.',
    kmr:
      `فۆرما رەوانەکرنێ یا نافبەرا رێکخراوان (نموونە) بهنێرە بۆ ${email} پشتی وەرگرتنا رەزامەندیا ئاگەهدار، ` +
      'پاشان پەیوەندیێ ب خالا پەیوەندیێ بکە.',
    en:
      `${PRACTITIONER_ONLY}: send the inter-agency referral form (sample) ` +
      `to ${email} after informed consent, then call the focal point.`,
    es:
      `${PRACTITIONER_ONLY}: enviar el formulario interinstitucional de referencia (muestra) ` +
      `a ${email} con consentimiento informado y luego llamar al punto focal.`,
  }),
  call: () => ({
    ar: 'اتصل بنقطة الاتصال أولاً؛ تسليم مباشر عبر الهاتف دون استمارة مكتوبة.',
    ckb: 'سەرەتا پەیوەندی بە خاڵی پەیوەندییەوە بکە؛ ڕادەستکردنی ڕاستەوخۆ بە تەلەفۆن بەبێ فۆرمی نووسراو.',
    kmr: 'دەستپێکێ پەیوەندیێ ب خالا پەیوەندیێ بکە؛ رادەستکرنا راستەوخۆ ب تەلەفونێ بێ فۆرما نڤیسی.',
    en: `${PRACTITIONER_ONLY}: call the focal point first; warm handover by phone, no written form.`,
    es: `${PRACTITIONER_ONLY}: llamar primero al punto focal; traspaso directo por teléfono, sin formulario escrito.`,
  }),
};

const DOCUMENTS = {
  none: {
    ar: 'لا يلزم أي مستند؛ لا تؤخّر الإحالة بسبب عدم وجود هوية.',
    ckb: 'هیچ بەڵگەنامەیەک پێویست نییە؛ ڕەوانەکردن بەهۆی نەبوونی ناسنامەوە دوا مەخە.',
    kmr: 'چو بەلگەنامە پێدڤی نینن؛ رەوانەکرنێ ژبەر نەبوونا ناسنامەیێ پاش نەئێخە.',
    en: `${PRACTITIONER_ONLY}: no documents required; never delay a referral for missing ID.`,
    es: `${PRACTITIONER_ONLY}: no se requieren documentos; no retrasar la referencia por falta de DPI.`,
  },
  id: {
    ar: 'البطاقة الوطنية أو أي مستمسك رسمي إن وُجد، واستمارة موافقة موقّعة.',
    ckb: 'کارتی نیشتمانی یان هەر بەڵگەنامەیەکی فەرمی ئەگەر هەبێت، و فۆرمی ڕەزامەندیی واژۆکراو.',
    kmr: 'کارتا نیشتمانی یان هەر بەلگەنامەکا فەرمی ئەگەر هەبیت، و فۆرما رەزامەندیێ یا ئیمزاکری.',
    en: `${PRACTITIONER_ONLY}: national ID or any civil document if available, and a signed consent form.`,
    es: `${PRACTITIONER_ONLY}: DPI o cualquier documento si está disponible, y formulario de consentimiento firmado.`,
  },
  medical: {
    ar: 'لا يلزم شيء للعلاج؛ كتاب الشرطة فقط إذا قررت الناجية تقديم شكوى.',
    ckb: 'بۆ چارەسەر هیچ شتێک پێویست نییە؛ نووسراوی پۆلیس تەنها ئەگەر ڕزگاربوو بڕیاری سکاڵاکردن بدات.',
    kmr: 'بۆ چارەسەریێ چو تشت پێدڤی نینە؛ نڤیسینا پۆلیسی تنێ ئەگەر رزگاربووی بڕیارا سکالایێ دا.',
    en: `${PRACTITIONER_ONLY}: nothing for treatment; a police letter only if the survivor chooses to report.`,
    es: `${PRACTITIONER_ONLY}: nada para el tratamiento; oficio policial solo si la sobreviviente decide denunciar.`,
  },
};

const RESPONSE = {
  immediate: {
    ar: 'فوري (مناوبة على مدار ٢٤ ساعة).',
    ckb: 'دەستبەجێ (نۆبەداری ٢٤ کاتژمێر).',
    kmr: 'دەستبەجێ (نۆبەدارا ٢٤ دەمژمێران).',
    en: `${PRACTITIONER_ONLY}: immediate (24-hour duty roster).`,
    es: `${PRACTITIONER_ONLY}: inmediata (turno de 24 horas).`,
  },
  sameDay: {
    ar: 'في يوم العمل نفسه.',
    ckb: 'لە هەمان ڕۆژی کاردا.',
    kmr: 'د هەمان رۆژا کاری دا.',
    en: `${PRACTITIONER_ONLY}: same working day.`,
    es: `${PRACTITIONER_ONLY}: el mismo día hábil.`,
  },
  threeDays: {
    ar: 'خلال ٣ أيام عمل.',
    ckb: 'لە ماوەی ٣ ڕۆژی کاردا.',
    kmr: 'د ناڤبەرا ٣ رۆژێن کاری دا.',
    en: `${PRACTITIONER_ONLY}: within 3 working days.`,
    es: `${PRACTITIONER_ONLY}: dentro de 3 días hábiles.`,
  },
};

/**
 * Practitioner-only referral details (C3), in the languages of the listing. Every English text
 * carries PRACTITIONER-ONLY, and the focal point's number comes from the 09xx block.
 */
function referral({ focal, phone, intake = 'call', email, documents = 'none', response = 'sameDay', languages }) {
  const focalPoint = Object.fromEntries(
    Object.entries(FOCAL[focal]).map(([l, role]) => [
      l,
      l === 'en'
        ? `${PRACTITIONER_ONLY}: ${role} (sample), ${phone}`
        : `${role} ${SAMPLE_SUFFIX[l]}${l === 'es' ? ',' : '،'} ${phone}`,
    ]),
  );
  return {
    focalPoint: pick(focalPoint, languages),
    intakeRoute: pick(intake === 'form' ? INTAKE.form(email) : INTAKE.call(), languages),
    requiredDocuments: pick(DOCUMENTS[documents], languages),
    expectedResponseTime: pick(RESPONSE[response], languages),
  };
}

// ---------------------------------------------------------------------------------------------
// Authoring helpers
// ---------------------------------------------------------------------------------------------

/** A verification record `ageDays` before `now` (M1); the status is derived when resolved. */
const verified = (ageDays, by, method, note) => ({ status: 'verified', ageDays, by, method, note });
const unverified = (note = null) => ({ status: 'unverified', note });

/** A source (M6) dated `daysAgo` before `now`. */
const mapping = (description, slug, daysAgo) => ({
  description,
  url: `https://example.org/sample/service-mapping/${slug}`,
  daysAgo,
});

const route = (key, kind, value, options = {}) => ({ key, kind, value, visibility: 'public', ...options });
const practitionerRoute = (key, kind, value, options = {}) =>
  route(key, kind, value, { ...options, visibility: 'practitioner' });
/** Walk-in: the route's value is the location id (schema: "for walk-in, a location id"). */
const walkIn = (location, hours, options = {}) =>
  route(`walk-in:${location}`, 'walk_in', locationId(location), { labels: LABEL.walkIn, hours, ...options });

const IRAQ_HOURS = 'Su-Th 08:00-14:00'; // government weekend Friday + Saturday
const GT_HOURS = 'Mo-Fr 08:00-16:00; Sa 08:00-12:00';
const EVENING = 'Su-Th 16:00-22:00';

// ---------------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------------

const SAMPLE_ORG_DESCRIPTION = sample({
  ar: 'منظمة خيالية تُستخدم بيانات نموذجية لعرض مسار. ليست خدمة حقيقية؛ لا تتصل بأرقامها.',
  ckb:
    'ڕێکخراوێکی خەیاڵییە بۆ نیشاندانی مەسار وەک داتای نموونە. خزمەتگوزارییەکی ڕاستەقینە نییە؛ ' +
    'پەیوەندی بە ژمارەکانییەوە مەکە.',
  kmr:
    'رێکخراوەکا خەیالی یە بۆ نیشاندانا مەساری وەک داتایێن نموونە. خزمەتگوزاریەکا راستەقینە نینە؛ ' +
    'پەیوەندیێ ب ژمارێن وێ نەکە.',
  en: 'Fictional organisation used as sample data to demonstrate Masar. Not a real service; do not call its numbers.',
  es:
    'Organización ficticia usada como datos de muestra para demostrar Masar. No es un servicio real; ' +
    'no llames a sus números.',
});

const sampleOrg = (key, names, languages) => ({
  key,
  names: sample(names),
  descriptions: pick(SAMPLE_ORG_DESCRIPTION, languages),
  website: `https://example.org/sample/${key}`,
  isSample: true,
});

const IQ_LANGS = ['ar', 'ckb', 'kmr', 'en'];
const GT_LANGS = ['es', 'en'];

/** The subset of a localized text in the given languages. */
function pick(text, languages) {
  if (!text) return null;
  return Object.fromEntries(Object.entries(text).filter(([language]) => languages.includes(language)));
}

const organisations = [
  sampleOrg(
    'noor',
    {
      ar: 'شبكة نور لدعم المرأة',
      ckb: 'تۆڕی نوور بۆ پاڵپشتیی ئافرەتان',
      kmr: 'تۆڕا نوور بۆ پشتەڤانیا ئافرەتان',
      en: "Noor Women's Support Network",
    },
    IQ_LANGS,
  ),
  sampleOrg(
    'tigris',
    {
      ar: 'مجموعة دجلة للمساعدة القانونية',
      ckb: 'کۆمەڵەی دیجلە بۆ هاوکاریی یاسایی',
      kmr: 'کۆمەلا دیجلە بۆ هاریکاریا یاسایی',
      en: 'Tigris Legal Aid Collective',
    },
    IQ_LANGS,
  ),
  sampleOrg(
    'hope',
    { ar: 'عيادات جسور الأمل', ckb: 'کلینیکەکانی پردی هیوا', kmr: 'کلینیکێن پرا هیڤیێ', en: 'Hope Bridges Clinics' },
    IQ_LANGS,
  ),
  sampleOrg(
    'safescreen',
    {
      ar: 'مكتب الشاشة الآمنة للأمان الرقمي',
      ckb: 'نووسینگەی شاشەی سەلامەت بۆ سەلامەتیی دیجیتاڵی',
      kmr: 'نڤیسینگەها شاشا پاراستی بۆ پاراستنا دیجیتالی',
      en: 'Safe Screen Digital Safety Desk',
    },
    IQ_LANGS,
  ),
  sampleOrg(
    'jiyan',
    {
      ar: 'مركز جيان للمرأة',
      ckb: 'ناوەندی ژیان بۆ ئافرەتان',
      kmr: 'ناڤەندا ژیان بۆ ئافرەتان',
      en: "Jiyan Women's Centre",
    },
    IQ_LANGS,
  ),
  sampleOrg(
    'roj',
    {
      ar: 'اتحاد روج للمساعدات النقدية',
      ckb: 'هاوپەیمانیی ڕۆژ بۆ هاوکاریی پارەیی',
      kmr: 'هەڤپەیمانیا رۆژ بۆ هاریکاریا دراڤی',
      en: 'Roj Cash Assistance Consortium',
    },
    IQ_LANGS,
  ),
  sampleOrg(
    'mountain',
    {
      ar: 'طريق الجبل للإغاثة',
      ckb: 'ڕێگای چیا بۆ فریاگوزاری',
      kmr: 'رێکا چیایی بۆ هاریکاریێ',
      en: 'Mountain Path Relief',
    },
    IQ_LANGS,
  ),
  sampleOrg(
    'police',
    {
      ar: 'مديرية شرطة افتراضية',
      ckb: 'بەڕێوەبەرایەتیی پۆلیسی گریمانەیی',
      kmr: 'رێڤەبەرییا پۆلیسێ گریمانەیی',
      en: 'Example Police Directorate',
    },
    IQ_LANGS,
  ),
  sampleOrg(
    'daraman',
    {
      ar: 'دار الأمان للحماية',
      ckb: 'ماڵی ئەمان بۆ پاراستن',
      kmr: 'مالا ئەمان بۆ پاراستنێ',
      en: 'Dar Al-Aman Protection House',
    },
    IQ_LANGS,
  ),
  sampleOrg('quetzal', { es: 'Red Quetzal de Apoyo a Mujeres', en: "Quetzal Women's Support Network" }, GT_LANGS),
  sampleOrg('ixchel', { es: 'Clínica Ixchel', en: 'Ixchel Clinic' }, GT_LANGS),
  sampleOrg('tzunun', { es: "Centro Tz'unun de Seguridad Digital", en: "Tz'unun Digital Safety Centre" }, GT_LANGS),

  sampleOrg(
    'sanad',
    { ar: 'منظمة سند للمرافقة', ckb: 'ڕێکخراوی سەنەد بۆ هاوڕێیەتیکردن', en: 'Sanad Accompaniment Organisation' },
    IQ_LANGS,
  ),
  sampleOrg(
    'karbala-early-warning',
    { ar: 'شبكة الإنذار المبكر - كربلاء', en: 'Early-warning network, Karbala' },
    IQ_LANGS,
  ),
  // Real bodies: names only, and what PRODUCT.md documents. Not sample data.
  {
    key: 'iq-community-police',
    names: { ar: 'الشرطة المجتمعية', ckb: 'پۆلیسی کۆمەڵگا', kmr: 'پۆلیسێ جڤاکی', en: 'Community Police (Iraq)' },
    descriptions: {
      ar: 'الشرطة المجتمعية في العراق. رقماها ٤٩٧ و٥٣٣ موثّقان علناً.',
      ckb: 'پۆلیسی کۆمەڵگا لە عێراق. ژمارەکانی ٤٩٧ و ٥٣٣ بە ئاشکرا بڵاوکراونەتەوە.',
      kmr: 'پۆلیسێ جڤاکی ل عیراقێ. ژمارێن ٤٩٧ و ٥٣٣ ب ئاشکرا هاتینە بەلاڤکرن.',
      en: "Iraq's Community Police. Its numbers 497 and 533 are publicly documented.",
    },
    website: null,
    isSample: false,
  },
  {
    key: 'iq-national-security',
    names: {
      ar: 'جهاز الأمن الوطني',
      ckb: 'دەزگای ئاسایشی نیشتمانی',
      kmr: 'دەزگەهێ ئاسایشا نیشتمانی',
      en: 'National Security Service (Iraq)',
    },
    descriptions: {
      ar: 'جهاز الأمن الوطني العراقي. الرقم ١٣١ موثّق علناً.',
      ckb: 'دەزگای ئاسایشی نیشتمانیی عێراق. ژمارەی ١٣١ بە ئاشکرا بڵاوکراوەتەوە.',
      kmr: 'دەزگەهێ ئاسایشا نیشتمانی یێ عیراقێ. ژمارا ١٣١ ب ئاشکرا هاتیە بەلاڤکرن.',
      en: "Iraq's National Security Service. The number 131 is publicly documented.",
    },
    website: null,
    isSample: false,
  },
  {
    key: 'kri-dcvaw',
    names: {
      ar: 'مديرية مناهضة العنف ضد المرأة (إقليم كوردستان)',
      ckb: 'بەڕێوەبەرایەتیی بەرەنگاربوونەوەی توندوتیژی دژی ئافرەتان (هەرێمی کوردستان)',
      kmr: 'رێڤەبەرییا بەرهنگاربوونا توندوتیژیێ دژی ئافرەتان (هەرێما کوردستانێ)',
      en: 'Directorate for Combating Violence Against Women (Kurdistan Region)',
    },
    descriptions: {
      ar: 'تدير الخط الساخن ١١٩ في إقليم كوردستان (٢٤ ساعة).',
      ckb: 'هێڵی گەرمی ١١٩ لە هەرێمی کوردستان بەڕێوە دەبات (٢٤ کاتژمێر).',
      kmr: 'هێلا گەرم یا ١١٩ ل هەرێما کوردستانێ رێڤە دبەت (٢٤ دەمژمێر).',
      en: 'Runs the 119 helpline in the Kurdistan Region (24 hours).',
    },
    website: null,
    isSample: false,
  },
  // SEED Foundation's own page on online violence (research/pathways-sources.md §2): it helped set
  // up and co-leads the Online Violence Task Force, a coordination body, not a service to contact.
  {
    key: 'kri-seed-foundation',
    names: { ar: 'مؤسسة سيد', ckb: 'دەزگای سید', kmr: 'دەزگەهێ سید', en: 'SEED Foundation' },
    descriptions: {
      ar:
        'منظمة في إقليم كوردستان تشارك في قيادة فريق العمل المعني بالعنف عبر الإنترنت، وهو هيئة تنسيق ' +
        'تجمع منظمات ومجتمعاً مدنياً وجهات حكومية.',
      ckb:
        'ڕێکخراوێک لە هەرێمی کوردستان کە هاوبەشە لە سەرکردایەتیی تیمی کاری توندوتیژیی ئۆنلاین، ' +
        'دەستەیەکی هەماهەنگی کە ڕێکخراو و کۆمەڵگەی مەدەنی و لایەنە حکومییەکان کۆ دەکاتەوە.',
      kmr:
        'رێکخراوەکە ل هەرێما کوردستانێ کو هەڤپشکە د سەرۆکاتیا تیما کاری یا توندوتیژیا ئۆنلاین دا، ' +
        'دەستەکا هەماهەنگیێ یە کو رێکخراو و جڤاکێ مەدەنی و لایەنێن حکومی کۆم دکەت.',
      en:
        'A Kurdistan Region organisation that co-leads the Online Violence Task Force, a coordination body of ' +
        'NGOs, civil society and government.',
    },
    website: null,
    isSample: false,
  },
  // Panawar: KirkukNow's report of its launch (research/pathways-sources.md §2).
  {
    key: 'kri-womens-union',
    names: {
      ar: 'اتحاد نساء كوردستان',
      ckb: 'یەکێتیی ئافرەتانی کوردستان',
      kmr: 'ئێکەتیا ئافرەتێن کوردستانێ',
      en: 'Kurdistan Women’s Union',
    },
    descriptions: {
      ar: 'يدير مبادرة بناور عبر معهد «أميزي خيزان» لشؤون الأسرة، الذي له مكاتب في كل محافظات إقليم كوردستان.',
      ckb:
        'دەستپێشخەریی پەناوەر لە ڕێگەی پەیمانگای ئامێزی خێزان بۆ کاروباری خێزان بەڕێوە ' +
        'دەبات، کە لە هەموو پارێزگاکانی هەرێمی کوردستان نووسینگەی هەیە.',
      kmr:
        'دەستپێشخەریا پەناوەر ب رێکا پەیمانگەها ئامێزا خێزانێ بۆ کاروبارێن خێزانێ رێڤە ' +
        'دبەت، کو ل هەمی پارێزگەهێن هەرێما کوردستانێ نڤیسینگەه هەنە.',
      en:
        'Runs the Panawar initiative through its Family Embrace (Amizi Khizan) Institute for Family Issues, which ' +
        'has offices in every governorate of the Kurdistan Region.',
    },
    website: null,
    isSample: false,
  },
  {
    key: 'gt-ministerio-publico',
    names: { es: 'Ministerio Público', en: 'Public Prosecutor’s Office (Ministerio Público), Guatemala' },
    descriptions: {
      es: 'Ministerio Público de Guatemala. El número 1572 está documentado públicamente.',
      en: 'Guatemala’s Public Prosecutor’s Office. The number 1572 is publicly documented.',
    },
    website: null,
    isSample: false,
  },
  {
    key: 'gt-pnc',
    names: { es: 'Policía Nacional Civil (PNC)', en: 'National Civil Police (PNC), Guatemala' },
    descriptions: {
      es: 'Policía Nacional Civil de Guatemala. El número 110 está documentado públicamente.',
      en: 'Guatemala’s National Civil Police. The number 110 is publicly documented.',
    },
    website: null,
    isSample: false,
  },
  {
    key: 'gt-inacif',
    names: {
      es: 'Instituto Nacional de Ciencias Forenses (INACIF)',
      en: 'National Institute of Forensic Sciences (INACIF)',
    },
    descriptions: {
      es: 'Instituto Nacional de Ciencias Forenses de Guatemala.',
      en: 'Guatemala’s National Institute of Forensic Sciences.',
    },
    website: null,
    isSample: false,
  },
  {
    key: 'gt-dmm',
    names: { es: 'Direcciones Municipales de la Mujer', en: 'Municipal Women’s Directorates (Guatemala)' },
    descriptions: {
      es: 'Oficinas municipales que atienden y derivan casos de violencia contra la mujer.',
      en: 'Municipal offices that attend to and refer cases of violence against women.',
    },
    website: null,
    isSample: false,
  },
];

// ---------------------------------------------------------------------------------------------
// Locations (coordinates: the area's centroid ± a few hundredths of a degree)
// ---------------------------------------------------------------------------------------------

const SAMPLE_ADDRESS_SUFFIX = {
  ar: '(عنوان نموذجي)',
  ckb: '(ناونیشانی نموونە)',
  kmr: '(ناڤ و نیشانێن نموونە)',
  en: '(sample address)',
  es: '(dirección de muestra)',
};
const sampleAddress = (ar, ckb, kmr, en, es) =>
  Object.fromEntries(
    Object.entries({ ar, ckb, kmr, en, es })
      .filter(([, v]) => v)
      .map(([l, v]) => [l, `${v} ${SAMPLE_ADDRESS_SUFFIX[l]}`]),
  );

/** The confidential shelter's stored (never public) address and position; see C9. */
const SHELTER = {
  address: {
    ar: 'عنوان سري: زقاق 00، محلة نموذجية، أربيل (CONFIDENTIAL-ADDRESS-SAMPLE)',
    ckb: 'ناونیشانی نهێنی: کۆڵانی 00، گەڕەکی نموونە، هەولێر (CONFIDENTIAL-ADDRESS-SAMPLE)',
    en: 'CONFIDENTIAL-ADDRESS-SAMPLE: Lane 00, Sample Quarter, Erbil',
  },
  lon: 44.02419,
  lat: 36.10787,
};

const locations = [
  // Karbala
  {
    key: 'noor-karbala',
    org: 'noor',
    pcode: 'IQG12Q03N01',
    lon: 43.9207,
    lat: 32.48194,
    names: sample({ ar: 'مركز نور - كربلاء', en: 'Noor centre, Karbala' }),
    address: sampleAddress('كربلاء، شارع 00، قرب ساحة نموذجية', null, null, 'Street 00 near Sample Square, Karbala'),
  },
  {
    key: 'hope-karbala',
    org: 'hope',
    pcode: 'IQG12Q03',
    lon: 43.93265,
    lat: 32.52899,
    names: sample({ ar: 'عيادة جسور الأمل - كربلاء', en: 'Hope Bridges clinic, Karbala' }),
    address: sampleAddress('كربلاء، طريق 00', null, null, 'Road 00, Karbala'),
  },
  {
    key: 'police-karbala',
    org: 'police',
    pcode: 'IQG12Q03N01',
    lon: 43.9007,
    lat: 32.46794,
    names: sample({ ar: 'مكتب الشرطة المجتمعية - كربلاء', en: 'Community police office, Karbala' }),
    address: sampleAddress('كربلاء، مبنى 00', null, null, 'Building 00, Karbala'),
  },
  {
    key: 'tigris-karbala',
    org: 'tigris',
    pcode: 'IQG12Q03N01',
    lon: 43.9127,
    lat: 32.48894,
    names: sample({ ar: 'مكتب دجلة القانوني - كربلاء', en: 'Tigris legal office, Karbala' }),
    address: sampleAddress('كربلاء، شارع المحاكم 00', null, null, 'Courts Street 00, Karbala'),
  },
  // Ninewa
  {
    key: 'noor-mosul',
    org: 'noor',
    pcode: 'IQG15Q05',
    lon: 43.04785,
    lat: 36.14466,
    names: sample({ ar: 'مركز نور - الموصل', kmr: 'ناڤەندا نوور - مووسل', en: 'Noor centre, Mosul' }),
    address: sampleAddress('الموصل، الجانب الأيسر، شارع 00', null, null, 'Street 00, left bank, Mosul'),
  },
  {
    key: 'noor-qayyarah',
    org: 'noor',
    pcode: 'IQG15Q05N01',
    lon: 43.16734,
    lat: 35.87413,
    names: sample({ ar: 'مركز نور - القيارة', en: 'Noor centre, Qayyarah' }),
    address: sampleAddress('القيارة، الحي 00', null, null, 'Quarter 00, Qayyarah'),
  },
  {
    key: 'sanad-qayyarah',
    org: 'sanad',
    pcode: 'IQG15Q05N01',
    lon: 43.17412,
    lat: 35.86935,
    names: sample({ ar: 'مكتب سند - القيارة', en: 'Sanad office, Qayyarah' }),
    address: sampleAddress('القيارة، شارع 00', null, null, 'Street 00, Qayyarah'),
  },
  {
    key: 'hope-hammam-alil',
    org: 'hope',
    pcode: 'IQG15Q05N02',
    lon: 43.06941,
    lat: 36.1354,
    names: sample({ ar: 'مركز صحي جسور الأمل - حمام العليل', en: 'Hope Bridges health centre, Hammam Al-Alil' }),
    address: sampleAddress('حمام العليل، شارع 00', null, null, 'Street 00, Hammam Al-Alil'),
  },
  {
    key: 'police-mosul',
    org: 'police',
    pcode: 'IQG15Q05',
    lon: 43.02585,
    lat: 36.13866,
    names: sample({ ar: 'وحدة الإنذار المبكر - الموصل', en: 'Early-warning unit, Mosul' }),
    address: sampleAddress('الموصل، مبنى 00', null, null, 'Building 00, Mosul'),
  },
  {
    key: 'tigris-mosul',
    org: 'tigris',
    pcode: 'IQG15Q05',
    lon: 43.05285,
    lat: 36.12466,
    names: sample({ ar: 'مكتب دجلة القانوني - الموصل', en: 'Tigris legal office, Mosul' }),
    address: sampleAddress('الموصل، شارع 00', null, null, 'Street 00, Mosul'),
  },
  {
    key: 'mountain-sinjar',
    org: 'mountain',
    pcode: 'IQG15Q07',
    lon: 41.86359,
    lat: 36.35848,
    names: sample({
      ar: 'قاعدة فريق طريق الجبل - سنجار',
      kmr: 'بنکەیا تیما رێکا چیایی - شنگال',
      en: 'Mountain Path team base, Sinjar',
    }),
    address: sampleAddress('سنجار، الطريق 00', null, 'شنگال، رێکا 00', 'Road 00, Sinjar'),
  },
  // Baghdad
  {
    key: 'noor-karkh',
    org: 'noor',
    pcode: 'IQG08Q03',
    lon: 44.4083,
    lat: 33.24628,
    names: sample({ ar: 'مركز نور - الكرخ', en: 'Noor centre, Al-Karkh' }),
    address: sampleAddress('بغداد، الكرخ، محلة 000، زقاق 00', null, null, 'Mahalla 000, Lane 00, Al-Karkh, Baghdad'),
  },
  {
    key: 'police-risafa',
    org: 'police',
    pcode: 'IQG08Q06',
    lon: 44.47379,
    lat: 33.31959,
    names: sample({ ar: 'وحدة الجرائم الإلكترونية - الرصافة', en: 'Cybercrime unit, Al-Risafa' }),
    address: sampleAddress('بغداد، الرصافة، مبنى 00', null, null, 'Building 00, Al-Risafa, Baghdad'),
  },
  {
    key: 'tigris-risafa',
    org: 'tigris',
    pcode: 'IQG08Q06',
    lon: 44.49179,
    lat: 33.30459,
    names: sample({ ar: 'مكتب دجلة القانوني - الرصافة', en: 'Tigris legal office, Al-Risafa' }),
    address: sampleAddress('بغداد، الرصافة، شارع 00', null, null, 'Street 00, Al-Risafa, Baghdad'),
  },
  {
    key: 'hope-risafa',
    org: 'hope',
    pcode: 'IQG08Q06',
    lon: 44.49879,
    lat: 33.32659,
    names: sample({ ar: 'عيادة جسور الأمل - الرصافة', en: 'Hope Bridges clinic, Al-Risafa' }),
    address: sampleAddress('بغداد، الرصافة، طريق 00', null, null, 'Road 00, Al-Risafa, Baghdad'),
  },
  {
    key: 'roj-karkh',
    org: 'roj',
    pcode: 'IQG08Q03',
    lon: 44.3863,
    lat: 33.24228,
    names: sample({ ar: 'مكتب روج - الكرخ', en: 'Roj office, Al-Karkh' }),
    address: sampleAddress('بغداد، الكرخ، شارع 00', null, null, 'Street 00, Al-Karkh, Baghdad'),
  },
  // Erbil
  {
    key: 'jiyan-erbil',
    org: 'jiyan',
    pcode: 'IQG11Q02N02',
    lon: 43.96387,
    lat: 36.20964,
    names: sample({
      ar: 'مركز جيان - أربيل',
      ckb: 'ناوەندی ژیان - هەولێر',
      kmr: 'ناڤەندا ژیان - هەولێر',
      en: 'Jiyan centre, Erbil',
    }),
    address: sampleAddress('أربيل، شارع 00', 'هەولێر، شەقامی 00', 'هەولێر، جادا 00', 'Street 00, Erbil'),
  },
  {
    key: 'daraman-shelter',
    org: 'daraman',
    pcode: 'IQG11Q02',
    lon: SHELTER.lon,
    lat: SHELTER.lat,
    confidential: true,
    names: sample({ ar: 'دار الأمان', ckb: 'ماڵی ئەمان', en: 'Dar Al-Aman house' }),
    address: SHELTER.address,
  },
  {
    key: 'hope-erbil',
    org: 'hope',
    pcode: 'IQG11Q02N02',
    lon: 43.94387,
    lat: 36.22364,
    names: sample({
      ar: 'عيادة جسور الأمل - أربيل',
      ckb: 'کلینیکی پردی هیوا - هەولێر',
      en: 'Hope Bridges clinic, Erbil',
    }),
    address: sampleAddress('أربيل، طريق 00', 'هەولێر، ڕێگای 00', null, 'Road 00, Erbil'),
  },
  {
    key: 'safescreen-erbil',
    org: 'safescreen',
    pcode: 'IQG11Q02N02',
    lon: 43.95787,
    lat: 36.22964,
    names: sample({
      ar: 'عيادة الأمان الرقمي - أربيل',
      ckb: 'کلینیکی سەلامەتیی دیجیتاڵی - هەولێر',
      en: 'Digital safety clinic, Erbil',
    }),
    address: sampleAddress('أربيل، مجمع 00', 'هەولێر، کۆمەڵگەی 00', null, 'Complex 00, Erbil'),
  },
  // Duhok
  {
    key: 'jiyan-duhok',
    org: 'jiyan',
    pcode: 'IQG09Q02',
    lon: 43.08,
    lat: 36.94974,
    names: sample({ ar: 'مركز جيان - دهوك', kmr: 'ناڤەندا ژیان - دهۆک', en: 'Jiyan centre, Duhok' }),
    address: sampleAddress('دهوك، شارع 00', null, 'دهۆک، جادا 00', 'Street 00, Duhok'),
  },
  {
    key: 'jiyan-zakho',
    org: 'jiyan',
    pcode: 'IQG09Q04',
    lon: 42.86243,
    lat: 37.19899,
    names: sample({ ar: 'مركز جيان - زاخو', kmr: 'ناڤەندا ژیان - زاخۆ', en: 'Jiyan centre, Zakho' }),
    address: sampleAddress('زاخو، شارع 00', null, 'زاخۆ، جادا 00', 'Street 00, Zakho'),
  },
  // Sulaymaniyah
  {
    key: 'jiyan-sulaymaniyah',
    org: 'jiyan',
    pcode: 'IQG06Q01',
    lon: 45.39528,
    lat: 35.47219,
    names: sample({ ar: 'مركز جيان - السليمانية', ckb: 'ناوەندی ژیان - سلێمانی', en: 'Jiyan centre, Sulaymaniyah' }),
    address: sampleAddress('السليمانية، شارع 00', 'سلێمانی، شەقامی 00', null, 'Street 00, Sulaymaniyah'),
  },
  // Guatemala
  {
    key: 'quetzal-guatemala',
    org: 'quetzal',
    pcode: 'GT0101',
    lon: -90.48942,
    lat: 14.62543,
    names: sample({ es: 'Centro Quetzal, Ciudad de Guatemala', en: 'Quetzal centre, Guatemala City' }),
    address: sampleAddress(
      null,
      null,
      null,
      '0 Avenue 00-00, Zone 0, Guatemala City',
      '0a. avenida 00-00, zona 0, Ciudad de Guatemala',
    ),
  },
  {
    key: 'quetzal-coban',
    org: 'quetzal',
    pcode: 'GT1601',
    lon: -90.53228,
    lat: 15.70479,
    names: sample({ es: 'Espacio Quetzal, Cobán', en: 'Quetzal space, Cobán' }),
    address: sampleAddress(null, null, null, '0 Street 00-00, Cobán', '0a. calle 00-00, Cobán'),
  },
  {
    key: 'quetzal-chimaltenango',
    org: 'quetzal',
    pcode: 'GT0401',
    lon: -90.81645,
    lat: 14.68221,
    names: sample({ es: 'Oficina jurídica Quetzal, Chimaltenango', en: 'Quetzal legal office, Chimaltenango' }),
    address: sampleAddress(null, null, null, null, '0a. avenida 00-00, Chimaltenango'),
  },
  {
    key: 'ixchel-coban',
    org: 'ixchel',
    pcode: 'GT1601',
    lon: -90.55028,
    lat: 15.72079,
    names: sample({ es: 'Clínica Ixchel, Cobán', en: 'Ixchel Clinic, Cobán' }),
    address: sampleAddress(null, null, null, '00 Street 0-00, Cobán', '00 calle 0-00, Cobán'),
  },
];

// ---------------------------------------------------------------------------------------------
// Services. Each is authored whole (types, sites, areas, routes, closures, referral details) and
// flattened into rows by sampleStatements().
// ---------------------------------------------------------------------------------------------

const IQ_FED = ['ar', 'en']; // languages of text for federal Iraq listings
const KRI = ['ar', 'ckb', 'kmr', 'en'];
const GT = ['es', 'en'];

const SRC = {
  karbala: (daysAgo) =>
    mapping('GBV referral pathway service-mapping sheet, Karbala working group (sample data)', 'karbala', daysAgo),
  ninewa: (daysAgo) => mapping('GBV sub-cluster service-mapping sheet, Ninewa (sample data)', 'ninewa', daysAgo),
  baghdad: (daysAgo) => mapping('GBV sub-cluster service-mapping sheet, Baghdad (sample data)', 'baghdad', daysAgo),
  kri: (daysAgo) =>
    mapping('GBV sub-working group service-mapping sheet, Kurdistan Region (sample data)', 'kri', daysAgo),
  guatemala: (daysAgo) =>
    mapping('Mapeo de servicios de la red de protección, Guatemala (datos de muestra)', 'guatemala', daysAgo),
};

/**
 * The publicly documented channels come from the project's own brief, which is not a public
 * reference: until the original announcement (who published the number, where, when) is
 * recorded, their source stays empty, so the public reads "source not recorded yet". The note
 * for maintainers lives in the verification note, which is never public.
 */
const NO_PUBLIC_SOURCE = null;
const PENDING_CHANNEL_NOTE =
  'Verification call pending. No public source is recorded yet: ' +
  'record the original public announcement (publisher, page, date) as the source at the first call.';
/**
 * The maintainers' note says what the first call must settle, and must stay true of the listing:
 * a listing that has a public source is asked to confirm it, not to find one.
 */
const pendingChannelNote = (source) =>
  source?.url
    ? 'Verification call pending. The details come from the public source recorded with this listing: ' +
      'confirm them with the service at the first call.'
    : PENDING_CHANNEL_NOTE;

/** Karbala's subdistricts, each with a (fictional) early-warning unit: P-code, Arabic and English names. */
const KARBALA_SUBDISTRICTS = [
  ['IQG12Q01N01', 'عين التمر', 'Ain Al-Tamur'],
  ['IQG12Q02N01', 'الجدول الغربي', 'Al-Jadwal Al-Gharbi'],
  ['IQG12Q02N02', 'الهندية', 'Al-Hindiya'],
  ['IQG12Q03N01', 'مركز كربلاء', 'Karbala centre'],
  ['IQG12Q03N02', 'الحسينية', 'Al-Husseiniya'],
];

/** For listings no public source describes: the public reads "source not recorded yet". */
const NO_SOURCE_NOTE =
  'No public source found (research/pathways-sources.md, gaps). Fictional sample until a partner gives the ' +
  'original source; never show real numbers for it without one.';

const services = [
  // ----------------------------------------------------------------------------- Karbala (IQG12)
  {
    key: 'noor-karbala-case-management',
    org: 'noor',
    types: ['case_management'],
    names: sample({
      ar: 'متابعة الحالة - كربلاء',
      ckb: 'بەدواداچوونی بارودۆخ - کەربەلا',
      en: 'Case management, Karbala',
    }),
    descriptions: sample({
      ar:
        'إدارة حالات العنف القائم على النوع الاجتماعي، بما فيه الابتزاز الإلكتروني: تقييم، خطة أمان، ' +
        'ومرافقة إلى الخدمات.',
      en:
        'Case management for gender-based violence, including online extortion: ' +
        'assessment, safety planning and accompaniment to services.',
    }),
    afterContact: pick(AFTER.ngo, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, IQ_FED),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, IQ_FED),
    accessibility: ['wheelchair'],
    accessibilityNote: { ar: 'مدخل في الطابق الأرضي مع منحدر.', en: 'Ground-floor entrance with a ramp.' },
    languages: ['ar'],
    country: 'IQ',
    source: SRC.karbala(14),
    verification: verified(
      10,
      ROLE.karbala,
      'visit',
      'Visited the centre; hours, female staff and ramp confirmed (sample).',
    ),
    referral: referral({
      focal: 'caseManagement',
      phone: '+9647700000951',
      intake: 'form',
      email: 'practitioner-only.karbala@example.org',
      documents: 'none',
      response: 'sameDay',
      languages: IQ_FED,
    }),
    at: [{ location: 'noor-karbala', hours: IRAQ_HOURS }],
    routes: [
      route('office', 'phone', '+9647700000101', {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar'],
        hours: IRAQ_HOURS,
        verification: verified(10, ROLE.karbala, 'call', 'Answered by a woman caseworker (sample).'),
      }),
      route('whatsapp', 'whatsapp', '+9647700000102', {
        labels: pick(LABEL.eveningWhatsapp, IQ_FED),
        languages: ['ar'],
        hours: EVENING,
        notes: pick(NOTE.deleteChat, IQ_FED),
        verification: verified(10, ROLE.karbala, 'call'),
      }),
      walkIn('noor-karbala', IRAQ_HOURS, { languages: ['ar'] }),
      practitionerRoute('referrals', 'phone', '+9647700000901', {
        labels: pick(LABEL.practitioner, IQ_FED),
        languages: ['ar'],
        hours: IRAQ_HOURS,
        verification: verified(10, ROLE.karbala, 'call'),
      }),
    ],
  },
  {
    key: 'noor-karbala-mhpss',
    org: 'noor',
    types: ['mhpss'],
    // Deliberately Arabic-only description: exercises the language fallback.
    names: sample({ ar: 'الدعم النفسي - كربلاء', en: 'Psychosocial support, Karbala' }),
    descriptions: sample({ ar: 'جلسات دعم نفسي فردية وجماعية للنساء والرجال، وإحالة إلى طبيب نفسي عند الحاجة.' }),
    afterContact: pick(AFTER.ngo, ['ar']),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'on_request',
    anonymous: 'unknown',
    confidentiality: pick(CONF.ngo, IQ_FED),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, IQ_FED),
    languages: ['ar'],
    country: 'IQ',
    source: SRC.karbala(120),
    verification: verified(100, ROLE.karbala, 'call', 'Phone check only (sample).'),
    referral: referral({ focal: 'mhpss', phone: '+9647700000952', languages: IQ_FED, response: 'threeDays' }),
    at: [{ location: 'noor-karbala', hours: 'Su-Th 09:00-13:00' }],
    routes: [
      route('office', 'phone', '+9647700000103', {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar'],
        hours: 'Su-Th 09:00-13:00',
      }),
    ],
  },
  {
    key: 'noor-karbala-safe-space',
    org: 'noor',
    types: ['safe_space'],
    names: sample({ ar: 'مساحة آمنة للنساء والفتيات - كربلاء', en: 'Women and girls safe space, Karbala' }),
    descriptions: sample({
      ar: 'أنشطة وجلسات توعية حول الأمان على الإنترنت، ومكان هادئ للنساء والفتيات مع رعاية للأطفال.',
      en: 'Activities, online-safety awareness sessions and a quiet place for women and girls, with childcare.',
    }),
    afterContact: pick(AFTER.ngo, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'yes',
    anonymous: 'yes',
    confidentiality: pick(CONF.ngo, IQ_FED),
    gender: 'women',
    minAge: 12,
    eligibilityNote: pick(ELIG.womenGirls, IQ_FED),
    accessibility: ['childcare', 'wheelchair'],
    accessibilityNote: { ar: 'ركن للأطفال دون ٥ سنوات.', en: 'Children’s corner for under-5s.' },
    languages: ['ar'],
    country: 'IQ',
    source: SRC.karbala(14),
    verification: verified(20, ROLE.karbala, 'visit'),
    referral: referral({ focal: 'safeSpace', phone: '+9647700000953', languages: IQ_FED }),
    at: [{ location: 'noor-karbala', hours: 'Su-Th 09:00-13:00; Sa 10:00-12:00' }],
    routes: [
      walkIn('noor-karbala', 'Su-Th 09:00-13:00; Sa 10:00-12:00', {
        languages: ['ar'],
        verification: verified(20, ROLE.karbala, 'visit'),
      }),
    ],
  },
  {
    key: 'karbala-community-police',
    org: 'police',
    types: ['community_police'],
    names: sample({
      ar: 'مكتب الشرطة المجتمعية - كربلاء',
      ckb: 'نووسینگەی پۆلیسی کۆمەڵگا - کەربەلا',
      en: 'Community police office, Karbala',
    }),
    descriptions: sample({
      ar: 'تلقي شكاوى العنف الأسري والابتزاز الإلكتروني. مكتب خيالي لأغراض العرض.',
      en: 'Takes complaints of domestic violence and online extortion. A fictional office for demonstration.',
    }),
    afterContact: pick(AFTER.police, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'on_request',
    anonymous: 'no',
    confidentiality: pick(CONF.police, IQ_FED),
    gender: 'any',
    eligibilityNote: pick(ELIG.everyone, IQ_FED),
    languages: ['ar'],
    country: 'IQ',
    source: SRC.karbala(70),
    verification: verified(
      60,
      ROLE.karbala,
      'partner_report',
      'Confirmed by a partner caseworker after an accompanied visit (sample).',
    ),
    referral: referral({ focal: 'police', phone: '+9647700000954', languages: IQ_FED, response: 'immediate' }),
    at: [{ location: 'police-karbala', hours: '24/7' }],
    routes: [
      route('office', 'phone', '+9647700000104', {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar'],
        hours: 'Su-Th 08:00-15:00',
        verification: verified(60, ROLE.karbala, 'call'),
      }),
      walkIn('police-karbala', '24/7', { languages: ['ar'] }),
    ],
  },
  {
    key: 'hope-karbala-health',
    org: 'hope',
    types: ['health'],
    names: sample({ ar: 'عيادة جسور الأمل - كربلاء', en: 'Hope Bridges clinic, Karbala' }),
    descriptions: sample({
      ar:
        'رعاية صحية على مدار الساعة، بما فيها الرعاية بعد الاعتداء الجنسي: ' +
        'منع الحمل الطارئ والوقاية من العدوى خلال ٧٢ ساعة.',
      en:
        'Round-the-clock care including care after sexual assault: ' +
        'emergency contraception and infection prevention within 72 hours.',
    }),
    afterContact: pick(AFTER.health, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.health, IQ_FED),
    gender: 'any',
    eligibilityNote: pick(ELIG.everyone, IQ_FED),
    accessibility: ['wheelchair'],
    languages: ['ar', 'en'],
    country: 'IQ',
    source: SRC.karbala(14),
    verification: verified(5, ROLE.karbala, 'visit', 'Visited at night; female doctor on duty (sample).'),
    referral: referral({
      focal: 'health',
      phone: '+9647700000955',
      languages: IQ_FED,
      documents: 'medical',
      response: 'immediate',
    }),
    at: [{ location: 'hope-karbala', hours: '24/7', note: pick(NOTE.cmr72, IQ_FED) }],
    routes: [
      route('emergency', 'phone', '+9647700000105', {
        labels: { ar: 'هاتف الطوارئ', en: 'Emergency phone' },
        languages: ['ar', 'en'],
        hours: '24/7',
        verification: verified(5, ROLE.karbala, 'call'),
      }),
      walkIn('hope-karbala', '24/7', { languages: ['ar', 'en'] }),
    ],
  },
  {
    key: 'tigris-karbala-legal',
    org: 'tigris',
    types: ['legal_aid'],
    names: sample({ ar: 'المساعدة القانونية - كربلاء', en: 'Legal aid, Karbala' }),
    descriptions: sample({
      ar: 'استشارات قانونية ومرافقة إلى المحاكم في قضايا العنف الأسري والابتزاز ونشر الصور.',
      en: 'Legal advice and court accompaniment in domestic violence, extortion and image-sharing cases.',
    }),
    afterContact: pick(AFTER.legal, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'no',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, IQ_FED),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, IQ_FED),
    languages: ['ar'],
    country: 'IQ',
    source: SRC.karbala(420),
    verification: verified(400, ROLE.karbala, 'email', 'Email reply from the office; not re-checked since (sample).'),
    referral: referral({
      focal: 'legal',
      phone: '+9647700000956',
      intake: 'form',
      email: 'practitioner-only.legal-karbala@example.org',
      documents: 'id',
      response: 'threeDays',
      languages: IQ_FED,
    }),
    at: [{ location: 'tigris-karbala', hours: 'Su-Th 09:00-14:00' }],
    routes: [
      route('office', 'phone', '+9647700000106', {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar'],
        hours: 'Su-Th 09:00-14:00',
        verification: verified(400, ROLE.karbala, 'call'),
      }),
      route('email', 'email', 'legal.karbala@example.org', { labels: pick(LABEL.email, IQ_FED), languages: ['ar'] }),
    ],
  },

  // ------------------------------------------------------------------------------ Ninewa (IQG15)
  {
    key: 'noor-mosul-case-management',
    org: 'noor',
    types: ['case_management', 'mhpss'],
    names: sample({
      ar: 'متابعة الحالة والدعم النفسي - الموصل',
      kmr: 'دویڤچوونا رەوشێ و پشتەڤانیا دەروونی - مووسل',
      en: 'Case management and psychosocial support, Mosul',
    }),
    descriptions: sample({
      ar: 'متابعة حالة ودعم نفسي للناجيات والناجين من العنف، بما فيه العنف عبر الإنترنت.',
      kmr: 'دویڤچوونا رەوشێ و پشتەڤانیا دەروونی بۆ رزگاربوویێن توندوتیژیێ، ب تایبەتی توندوتیژیا ئۆنلاین.',
      en: 'Case management and psychosocial support for survivors of violence, including online violence.',
    }),
    afterContact: pick(AFTER.ngo, ['ar', 'kmr', 'en']),
    cost: ['free', pick(COST.free, ['ar', 'kmr', 'en'])],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, ['ar', 'kmr', 'en']),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, ['ar', 'kmr', 'en']),
    languages: ['ar', 'kmr', 'syr'],
    country: 'IQ',
    source: SRC.ninewa(20),
    verification: verified(15, ROLE.ninewa, 'visit'),
    referral: referral({
      focal: 'caseManagement',
      phone: '+9647700000957',
      intake: 'form',
      email: 'practitioner-only.mosul@example.org',
      languages: ['ar', 'kmr', 'en'],
    }),
    at: [{ location: 'noor-mosul', hours: IRAQ_HOURS }],
    routes: [
      route('office', 'phone', '+9647700000107', {
        labels: pick(LABEL.office, ['ar', 'kmr', 'en']),
        languages: ['ar', 'kmr'],
        hours: IRAQ_HOURS,
        verification: verified(15, ROLE.ninewa, 'call'),
      }),
      route('sms', 'sms', '+9647700000108', {
        labels: pick(LABEL.sms, ['ar', 'kmr', 'en']),
        languages: ['ar'],
        hours: IRAQ_HOURS,
        notes: {
          ar: 'أرسل كلمة "موعد" وسيُتصل بك خلال يوم عمل.',
          en: 'Text the word "appointment" and you will be called back within a working day.',
        },
      }),
      walkIn('noor-mosul', IRAQ_HOURS, { languages: ['ar', 'kmr', 'syr'] }),
      practitionerRoute('referrals', 'phone', '+9647700000902', {
        labels: pick(LABEL.practitioner, IQ_FED),
        languages: ['ar'],
        hours: IRAQ_HOURS,
      }),
    ],
    closures: [
      // Already over: must not affect "open now".
      {
        key: 'election-day',
        startsDays: -10,
        endsDays: -8,
        closes: true,
        reason: { ar: 'إغلاق يوم الانتخابات (نموذج)', en: 'Closed for election day (sample)' },
      },
    ],
  },
  {
    key: 'noor-qayyarah-centre',
    org: 'noor',
    types: ['safe_space', 'case_management'],
    names: sample({ ar: 'مركز النساء والفتيات - القيارة', en: 'Women and girls centre, Qayyarah' }),
    descriptions: sample({
      ar: 'مساحة آمنة ومتابعة حالة للنساء والفتيات في ناحية القيارة وقراها.',
      en: 'Safe space and case management for women and girls in Qayyarah subdistrict and its villages.',
    }),
    afterContact: pick(AFTER.ngo, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, IQ_FED),
    gender: 'women',
    minAge: 12,
    eligibilityNote: pick(ELIG.womenGirls, IQ_FED),
    accessibility: ['childcare'],
    languages: ['ar'],
    country: 'IQ',
    source: SRC.ninewa(20),
    verification: verified(25, ROLE.ninewa, 'visit'),
    referral: referral({ focal: 'safeSpace', phone: '+9647700000958', languages: IQ_FED }),
    at: [{ location: 'noor-qayyarah', hours: 'Su-Th 08:30-13:30' }],
    areas: ['IQG15Q05N01'],
    routes: [
      route('office', 'phone', '+9647700000109', {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar'],
        hours: 'Su-Th 08:30-13:30',
        verification: verified(25, ROLE.ninewa, 'call'),
      }),
      walkIn('noor-qayyarah', 'Su-Th 08:30-13:30', { languages: ['ar'] }),
    ],
  },
  {
    key: 'noor-mosul-mobile-mhpss',
    org: 'noor',
    types: ['mhpss'],
    names: sample({
      ar: 'فريق الدعم النفسي المتنقل - قضاء الموصل',
      en: 'Mobile psychosocial support team, Mosul district',
    }),
    descriptions: sample({
      ar: 'فريق متنقل يزور الأحياء والقرى في قضاء الموصل، ويقدم جلسات دعم نفسي في المنزل أو في مكان آمن.',
      en:
        'A mobile team visiting neighbourhoods and villages in Mosul district, offering psychosocial sessions at ' +
        'home or in a safe place.',
    }),
    afterContact: pick(AFTER.ngo, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'on_request',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, IQ_FED),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, IQ_FED),
    accessibility: ['home_visits'],
    accessibilityNote: {
      ar: 'زيارات منزلية عند الطلب إذا كان ذلك آمناً.',
      en: 'Home visits on request when it is safe.',
    },
    languages: ['ar'],
    country: 'IQ',
    source: SRC.ninewa(80),
    verification: verified(70, ROLE.ninewa, 'call'),
    referral: referral({ focal: 'mhpss', phone: '+9647700000959', languages: IQ_FED, response: 'threeDays' }),
    areas: ['IQG15Q05'],
    routes: [
      route('team', 'phone', '+9647700000110', {
        labels: { ar: 'هاتف الفريق', en: 'Team phone' },
        languages: ['ar'],
        hours: 'Su-Th 09:00-15:00',
        verification: verified(70, ROLE.ninewa, 'call'),
      }),
    ],
  },
  {
    key: 'hope-hammam-alil-health',
    org: 'hope',
    types: ['health'],
    names: sample({ ar: 'مركز صحي - حمام العليل', en: 'Health centre, Hammam Al-Alil' }),
    descriptions: sample({
      ar: 'رعاية صحية أولية تشمل الرعاية بعد الاعتداء الجنسي خلال ساعات الدوام. خارجها: أقرب قسم طوارئ.',
      en:
        'Primary health care including care after sexual assault during opening hours. Outside them: ' +
        'the nearest emergency department.',
    }),
    afterContact: pick(AFTER.health, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.health, IQ_FED),
    gender: 'any',
    eligibilityNote: pick(ELIG.everyone, IQ_FED),
    languages: ['ar'],
    country: 'IQ',
    source: SRC.ninewa(40),
    verification: verified(35, ROLE.ninewa, 'visit'),
    referral: referral({ focal: 'health', phone: '+9647700000960', languages: IQ_FED, documents: 'medical' }),
    at: [{ location: 'hope-hammam-alil', hours: IRAQ_HOURS, note: pick(NOTE.cmr72, IQ_FED) }],
    routes: [
      walkIn('hope-hammam-alil', IRAQ_HOURS, { languages: ['ar'], verification: verified(35, ROLE.ninewa, 'visit') }),
    ],
  },
  {
    key: 'mountain-sinjar-outreach',
    org: 'mountain',
    types: ['case_management', 'mhpss'],
    names: sample({
      ar: 'فريق التواصل المجتمعي - سنجار',
      kmr: 'تیما گەهشتنا جڤاکی - شنگال',
      en: 'Community outreach team, Sinjar',
    }),
    descriptions: sample({
      ar: 'متابعة حالة ودعم نفسي عبر زيارات ميدانية في قضاء سنجار، مع ترجمة إلى الكرمانجية.',
      kmr: 'دویڤچوونا رەوشێ و پشتەڤانیا دەروونی ب رێکا سەرەدانێن مەیدانی ل دەڤەرا شنگالێ.',
      en:
        'Case management and psychosocial support through field visits across Sinjar district, with Kurmanji ' +
        'interpretation.',
    }),
    afterContact: pick(AFTER.ngo, ['ar', 'kmr', 'en']),
    cost: ['free', pick(COST.free, ['ar', 'kmr', 'en'])],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, ['ar', 'kmr', 'en']),
    gender: 'any',
    eligibilityNote: pick(ELIG.everyone, ['ar', 'kmr', 'en']),
    accessibility: ['home_visits', 'interpretation'],
    accessibilityNote: {
      ar: 'مترجمات للكرمانجية متوفرات.',
      kmr: 'وەرگێڕێن کورمانجی هەنە.',
      en: 'Women Kurmanji interpreters available.',
    },
    languages: ['kmr', 'ar'],
    country: 'IQ',
    source: SRC.ninewa(110),
    verification: verified(100, ROLE.ninewa, 'partner_report'),
    referral: referral({
      focal: 'caseManagement',
      phone: '+9647700000961',
      languages: ['ar', 'kmr', 'en'],
      response: 'threeDays',
    }),
    at: [{ location: 'mountain-sinjar', hours: 'Su-Th 08:00-15:00' }],
    areas: ['IQG15Q07'],
    routes: [
      route('team', 'phone', '+9647700000111', {
        labels: { ar: 'هاتف الفريق', kmr: 'تەلەفونا تیمێ', en: 'Team phone' },
        languages: ['kmr', 'ar'],
        hours: 'Su-Th 08:00-15:00',
        verification: verified(100, ROLE.ninewa, 'call'),
      }),
      route('whatsapp', 'whatsapp', '+9647700000112', {
        labels: pick(LABEL.whatsapp, ['ar', 'kmr', 'en']),
        languages: ['kmr'],
        hours: 'Su-Th 08:00-20:00',
        notes: pick(NOTE.deleteChat, ['ar', 'kmr', 'en']),
      }),
    ],
  },
  {
    key: 'ninewa-early-warning',
    org: 'police',
    types: ['early_warning_unit'],
    names: sample({ ar: 'وحدة الإنذار المبكر - الموصل', en: 'Early-warning unit, Mosul' }),
    descriptions: sample({
      ar:
        'تستقبل البلاغات عن خطر وشيك على الحياة، بما في ذلك التهديد بالقتل بسبب صور أو رسائل. ' +
        'وحدة خيالية لأغراض العرض.',
      en:
        'Takes reports of imminent risk to life, including threats of killing over images or messages. ' +
        'A fictional unit for demonstration.',
    }),
    afterContact: pick(AFTER.police, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'no',
    anonymous: 'yes',
    confidentiality: { ar: 'يمكن الإبلاغ دون ذكر الاسم.', en: 'Reports can be made without giving a name.' },
    gender: 'any',
    eligibilityNote: pick(ELIG.everyone, IQ_FED),
    languages: ['ar'],
    country: 'IQ',
    source: SRC.ninewa(20),
    verification: verified(15, ROLE.ninewa, 'call'),
    referral: referral({ focal: 'police', phone: '+9647700000962', languages: IQ_FED, response: 'immediate' }),
    at: [{ location: 'police-mosul', hours: '24/7' }],
    areas: ['IQG15'],
    routes: [
      route('hotline', 'hotline', '+9647700000113', {
        labels: pick(LABEL.hotline24, IQ_FED),
        languages: ['ar'],
        hours: '24/7',
        verification: verified(15, ROLE.ninewa, 'call'),
      }),
    ],
  },
  {
    key: 'tigris-mosul-legal',
    org: 'tigris',
    types: ['legal_aid'],
    names: sample({ ar: 'المساعدة القانونية - الموصل', en: 'Legal aid, Mosul' }),
    descriptions: sample({
      ar: 'استشارات قانونية، واستخراج الوثائق المدنية، وتمثيل أمام المحاكم.',
      en: 'Legal advice, civil documentation and court representation.',
    }),
    afterContact: pick(AFTER.legal, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, IQ_FED),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, IQ_FED),
    languages: ['ar'],
    country: 'IQ',
    source: SRC.ninewa(50),
    verification: verified(45, ROLE.ninewa, 'email'),
    referral: referral({
      focal: 'legal',
      phone: '+9647700000963',
      intake: 'form',
      email: 'practitioner-only.legal-mosul@example.org',
      documents: 'id',
      response: 'threeDays',
      languages: IQ_FED,
    }),
    at: [{ location: 'tigris-mosul', hours: 'Su-Th 09:00-14:00' }],
    routes: [
      route('office', 'phone', '+9647700000114', {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar'],
        hours: 'Su-Th 09:00-14:00',
        verification: verified(45, ROLE.ninewa, 'call'),
      }),
      route('email', 'email', 'legal.mosul@example.org', {
        labels: pick(LABEL.email, IQ_FED),
        languages: ['ar', 'en'],
        verification: verified(45, ROLE.ninewa, 'email'),
      }),
    ],
  },
  {
    key: 'roj-ninewa-cash',
    org: 'roj',
    status: 'closed', // project ended: must never be shown publicly
    types: ['cash_assistance'],
    names: sample({ ar: 'مساعدات نقدية طارئة - نينوى (منتهية)', en: 'Emergency cash assistance, Ninewa (ended)' }),
    descriptions: sample({ ar: 'انتهى المشروع.', en: 'The project has ended.' }),
    afterContact: pick(AFTER.cash, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'yes',
    anonymous: 'no',
    gender: 'women',
    minAge: 18,
    languages: ['ar'],
    country: 'IQ',
    source: SRC.ninewa(210),
    verification: verified(200, ROLE.ninewa, 'email', 'Partner reported the project closed (sample).'),
    referral: referral({ focal: 'cash', phone: '+9647700000964', languages: IQ_FED }),
    areas: ['IQG15'],
    routes: [
      route('office', 'phone', '+9647700000115', {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar'],
        hours: IRAQ_HOURS,
      }),
    ],
  },
  {
    key: 'noor-mosul-youth-online-safety',
    org: 'noor',
    types: ['digital_security', 'mhpss'],
    names: sample({
      ar: 'الأمان على الإنترنت لليافعين (١٢-١٧) - الموصل',
      kmr: 'پاراستنا ئۆنلاین بۆ گەنجان (12-17) - مووسل',
      en: 'Online safety for young people (12–17), Mosul',
    }),
    descriptions: sample({
      ar: 'مساعدة اليافعين من عمر ١٢ إلى ١٧ سنة في الابتزاز والتنمر الإلكتروني، ودعم نفسي فردي.',
      kmr: 'هاریکاریا گەنجێن ١٢ تا ١٧ سالی د گەفێن ئەلیکترۆنی و بێزارکرنا ئۆنلاین دا، و پشتەڤانیا دەروونی.',
      en: 'Help for 12–17-year-olds facing online extortion and cyber-harassment, with one-to-one support.',
    }),
    afterContact: AFTER.youth,
    cost: ['free', pick(COST.free, ['ar', 'kmr', 'en'])],
    femaleStaff: 'yes',
    anonymous: 'yes',
    confidentiality: pick(CONF.ngo, ['ar', 'kmr', 'en']),
    gender: 'any',
    minAge: 12,
    maxAge: 17,
    eligibilityNote: null,
    accessibility: ['remote'],
    languages: ['ar', 'kmr'],
    country: 'IQ',
    source: SRC.ninewa(20),
    verification: verified(12, ROLE.ninewa, 'visit'),
    referral: referral({ focal: 'digital', phone: '+9647700000965', languages: ['ar', 'kmr', 'en'] }),
    at: [{ location: 'noor-mosul', hours: 'Su-Th 14:00-18:00' }],
    routes: [
      route('telegram', 'telegram', '+9647700000116', {
        labels: { ar: 'تيليغرام', kmr: 'تێلێگرام', en: 'Telegram' },
        languages: ['ar', 'kmr'],
        hours: 'Su-Th 14:00-20:00',
        notes: pick(NOTE.deleteChat, ['ar', 'kmr', 'en']),
        verification: verified(12, ROLE.ninewa, 'call'),
      }),
      walkIn('noor-mosul', 'Su-Th 14:00-18:00', { languages: ['ar', 'kmr'] }),
    ],
  },

  // ----------------------------------------------------------------------------- Baghdad (IQG08)
  {
    key: 'noor-karkh-case-management',
    org: 'noor',
    types: ['case_management'],
    names: sample({ ar: 'متابعة الحالة - الكرخ', en: 'Case management, Al-Karkh' }),
    descriptions: sample({
      ar: 'متابعة حالة للناجيات والناجين من العنف الأسري والعنف عبر الإنترنت في جانب الكرخ من بغداد.',
      en: 'Case management for survivors of domestic and online violence on the Karkh side of Baghdad.',
    }),
    afterContact: pick(AFTER.ngo, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, IQ_FED),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, IQ_FED),
    languages: ['ar', 'en'],
    country: 'IQ',
    source: SRC.baghdad(30),
    verification: verified(25, ROLE.baghdad, 'visit'),
    referral: referral({
      focal: 'caseManagement',
      phone: '+9647700000966',
      intake: 'form',
      email: 'practitioner-only.karkh@example.org',
      languages: IQ_FED,
    }),
    at: [{ location: 'noor-karkh', hours: IRAQ_HOURS }],
    routes: [
      route('office', 'phone', '+9647700000117', {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar', 'en'],
        hours: IRAQ_HOURS,
        verification: verified(25, ROLE.baghdad, 'call'),
      }),
      route('whatsapp', 'whatsapp', '+9647700000118', {
        labels: pick(LABEL.eveningWhatsapp, IQ_FED),
        languages: ['ar'],
        hours: EVENING,
        notes: pick(NOTE.deleteChat, IQ_FED),
        verification: verified(25, ROLE.baghdad, 'call'),
      }),
      walkIn('noor-karkh', IRAQ_HOURS, { languages: ['ar', 'en'] }),
      practitionerRoute('referrals', 'phone', '+9647700000903', {
        labels: pick(LABEL.practitioner, IQ_FED),
        languages: ['ar'],
        hours: IRAQ_HOURS,
        verification: verified(25, ROLE.baghdad, 'call'),
      }),
    ],
    closures: [
      // Current: a heat day announced by the governorate.
      {
        key: 'heat-day',
        startsHours: -1,
        endsHours: 48,
        closes: true,
        reason: { ar: 'عطلة رسمية بسبب ارتفاع درجات الحرارة (نموذج)', en: 'Official heat-day closure (sample)' },
      },
    ],
  },
  {
    key: 'baghdad-cybercrime-unit',
    org: 'police',
    types: ['cybercrime_unit'],
    names: sample({ ar: 'وحدة مكافحة الجرائم الإلكترونية - الرصافة', en: 'Cybercrime unit, Al-Risafa' }),
    descriptions: sample({
      ar: 'تلقي بلاغات الابتزاز الإلكتروني واختراق الحسابات ونشر الصور دون موافقة. وحدة خيالية لأغراض العرض.',
      en:
        'Takes reports of online extortion, account takeover and non-consensual image sharing. ' +
        'A fictional unit for demonstration.',
    }),
    afterContact: {
      ar: `${AFTER.police.ar} قد يُطلب منك إحضار الجهاز ولقطات الشاشة.`,
      en: `${AFTER.police.en} You may be asked to bring the device and screenshots.`,
    },
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'no',
    anonymous: 'no',
    confidentiality: pick(CONF.police, IQ_FED),
    gender: 'any',
    eligibilityNote: pick(ELIG.everyone, IQ_FED),
    languages: ['ar'],
    country: 'IQ',
    source: SRC.baghdad(80),
    verification: verified(70, ROLE.baghdad, 'partner_report'),
    referral: referral({ focal: 'police', phone: '+9647700000967', languages: IQ_FED, documents: 'id' }),
    at: [{ location: 'police-risafa', hours: 'Su-Th 08:00-15:00' }],
    routes: [
      route('office', 'phone', '+9647700000119', {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar'],
        hours: 'Su-Th 08:00-15:00',
        verification: verified(70, ROLE.baghdad, 'call'),
      }),
      route('web-form', 'web_form', 'https://example.org/sample/cybercrime-report', {
        labels: pick(LABEL.webForm, IQ_FED),
        languages: ['ar'],
        hours: '24/7',
      }),
      walkIn('police-risafa', 'Su-Th 08:00-15:00', { languages: ['ar'] }),
    ],
  },
  {
    key: 'tigris-risafa-legal',
    org: 'tigris',
    types: ['legal_aid'],
    names: sample({ ar: 'العيادة القانونية - الرصافة', en: 'Legal clinic, Al-Risafa' }),
    descriptions: sample({
      ar: 'استشارات قانونية ومتابعة قضايا الابتزاز والعنف الأسري أمام المحاكم.',
      en: 'Legal advice and follow-up of extortion and domestic violence cases in court.',
    }),
    afterContact: pick(AFTER.legal, IQ_FED),
    cost: [
      'varies',
      {
        ar: 'الاستشارة مجانية؛ قد تترتب رسوم محكمة في بعض القضايا.',
        en: 'Advice is free; court fees may apply in some cases.',
      },
    ],
    femaleStaff: 'on_request',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, IQ_FED),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, IQ_FED),
    languages: ['ar', 'en'],
    country: 'IQ',
    source: SRC.baghdad(12),
    verification: verified(10, ROLE.baghdad, 'visit'),
    referral: referral({
      focal: 'legal',
      phone: '+9647700000968',
      intake: 'form',
      email: 'practitioner-only.legal-risafa@example.org',
      documents: 'id',
      languages: IQ_FED,
    }),
    at: [{ location: 'tigris-risafa', hours: 'Su-Th 09:00-14:00' }],
    routes: [
      route('office', 'phone', '+9647700000120', {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar', 'en'],
        hours: 'Su-Th 09:00-14:00',
        verification: verified(10, ROLE.baghdad, 'call'),
      }),
      route('email', 'email', 'legal.risafa@example.org', {
        labels: pick(LABEL.email, IQ_FED),
        languages: ['ar', 'en'],
      }),
      walkIn('tigris-risafa', 'Su-Th 09:00-14:00', { languages: ['ar', 'en'] }),
    ],
  },
  {
    key: 'safescreen-remote-helpdesk',
    org: 'safescreen',
    types: ['digital_security'],
    names: sample({
      ar: 'مكتب المساعدة في الأمان الرقمي (عن بُعد)',
      ckb: 'مێزی یارمەتیی سەلامەتیی دیجیتاڵی (لە دوورەوە)',
      kmr: 'مێزا هاریکاریا پاراستنا دیجیتالی (ژ دویر ڤە)',
      en: 'Digital-security helpdesk (remote)',
    }),
    descriptions: sample({
      ar:
        'مساعدة عن بُعد في جميع أنحاء العراق: الابتزاز الإلكتروني، استعادة الحسابات المخترقة، ' +
        'وطلب حذف الصور من المنصات.',
      ckb:
        'یارمەتی لە دوورەوە لە سەرانسەری عێراق: هەڕەشەی ئەلیکترۆنی، گەڕاندنەوەی هەژماری هاککراو، ' +
        'و داواکردنی سڕینەوەی وێنە لە پلاتفۆرمەکان.',
      kmr:
        'هاریکاری ژ دویر ڤە ل هەمی عیراقێ: گەفێن ئەلیکترۆنی، زڤراندنا حسابێن هاککری، ' +
        'و داخوازا ژێبرنا وێنەیان ژ پلاتفۆرمان.',
      en:
        'Remote help across Iraq: online extortion, recovering taken-over accounts, and requesting removal of images ' +
        'from platforms.',
    }),
    afterContact: pick(AFTER.digital, KRI),
    cost: ['free', pick(COST.free, KRI)],
    femaleStaff: 'on_request',
    anonymous: 'yes',
    confidentiality: pick(CONF.anonymous, KRI),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, KRI),
    accessibility: ['remote'],
    accessibilityNote: { ar: 'كل الخدمة عن بُعد.', ckb: 'هەموو خزمەتگوزارییەکە لە دوورەوەیە.', en: 'Entirely remote.' },
    languages: ['ar', 'ckb', 'kmr', 'en'],
    country: 'IQ',
    source: SRC.baghdad(10),
    verification: verified(8, ROLE.masar, 'call', 'Test message answered within an hour (sample).'),
    referral: referral({
      focal: 'digital',
      phone: '+9647700000969',
      intake: 'form',
      email: 'practitioner-only.digital@example.org',
      languages: KRI,
    }),
    areas: ['IQ'],
    routes: [
      route('signal', 'signal', '+9647700000121', {
        labels: pick(LABEL.signal, KRI),
        languages: ['ar', 'ckb', 'kmr', 'en'],
        hours: 'Su-Th 10:00-18:00',
        verification: verified(8, ROLE.masar, 'call'),
      }),
      // Overnight interval: opens 20:00 and closes 02:00 the next day.
      route('telegram-night', 'telegram', '+9647700000122', {
        labels: pick(LABEL.telegramNight, KRI),
        languages: ['ar', 'ckb'],
        hours: 'Mo-Su 20:00-02:00',
        notes: pick(NOTE.deleteChat, KRI),
        verification: verified(8, ROLE.masar, 'call'),
      }),
      route('email', 'email', 'help@example.org', {
        labels: pick(LABEL.email, KRI),
        languages: ['ar', 'ckb', 'kmr', 'en'],
      }),
      route('web-form', 'web_form', 'https://example.org/sample/digital-help', {
        labels: pick(LABEL.webForm, KRI),
        languages: ['ar', 'ckb', 'kmr', 'en'],
        hours: '24/7',
      }),
      practitionerRoute('referrals', 'signal', '+9647700000904', {
        labels: pick(LABEL.practitioner, KRI),
        languages: ['ar', 'en'],
        hours: 'Su-Th 09:00-17:00',
      }),
    ],
  },
  {
    key: 'noor-helpline',
    org: 'noor',
    types: ['hotline'],
    names: sample({ ar: 'خط نور للمساعدة على مدار ٢٤ ساعة', en: 'Noor 24-hour helpline' }),
    descriptions: sample({
      ar: 'خط مساعدة هاتفي للنساء والرجال يعمل على مدار ٢٤ ساعة في بغداد وكربلاء ونينوى: استماع، معلومات، وإحالة.',
      en: 'A 24-hour telephone helpline in Baghdad, Karbala and Ninewa: listening, information and referral.',
    }),
    afterContact: pick(AFTER.hotline, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'yes',
    anonymous: 'yes',
    confidentiality: pick(CONF.anonymous, IQ_FED),
    gender: 'any',
    eligibilityNote: pick(ELIG.everyone, IQ_FED),
    accessibility: ['remote'],
    languages: ['ar', 'kmr'],
    country: 'IQ',
    source: SRC.baghdad(45),
    // 40 days > the 30-day hotline cycle: overdue.
    verification: verified(40, ROLE.baghdad, 'call', 'Test call answered by a woman counsellor (sample).'),
    referral: referral({ focal: 'hotline', phone: '+9647700000970', languages: IQ_FED, response: 'immediate' }),
    areas: ['IQG08', 'IQG12', 'IQG15'],
    routes: [
      route('hotline', 'hotline', '+9647700000123', {
        labels: pick(LABEL.hotline24, IQ_FED),
        languages: ['ar', 'kmr'],
        hours: '24/7',
        verification: verified(40, ROLE.baghdad, 'call'),
      }),
      route('whatsapp', 'whatsapp', '+9647700000124', {
        labels: pick(LABEL.whatsapp, IQ_FED),
        languages: ['ar'],
        hours: '24/7',
        notes: pick(NOTE.deleteChat, IQ_FED),
      }),
    ],
  },
  {
    key: 'hope-risafa-health',
    org: 'hope',
    types: ['health'],
    names: sample({ ar: 'عيادة جسور الأمل - الرصافة', en: 'Hope Bridges clinic, Al-Risafa' }),
    descriptions: sample({
      ar: 'رعاية صحية للنساء تشمل الرعاية بعد الاعتداء الجنسي خلال ٧٢ ساعة.',
      en: 'Women’s health care including care after sexual assault within 72 hours.',
    }),
    afterContact: pick(AFTER.health, IQ_FED),
    cost: [
      'varies',
      {
        ar: 'الرعاية بعد الاعتداء الجنسي مجانية؛ الاستشارات الأخرى برسوم رمزية.',
        en: 'Care after sexual assault is free; other consultations carry a small fee.',
      },
    ],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.health, IQ_FED),
    gender: 'women',
    eligibilityNote: null,
    languages: ['ar'],
    country: 'IQ',
    source: SRC.baghdad(210),
    verification: verified(200, ROLE.baghdad, 'visit'),
    referral: referral({ focal: 'health', phone: '+9647700000971', languages: IQ_FED, documents: 'medical' }),
    at: [{ location: 'hope-risafa', hours: 'Sa-Th 08:00-20:00', note: pick(NOTE.cmr72, IQ_FED) }],
    routes: [
      route('reception', 'phone', '+9647700000125', {
        labels: { ar: 'الاستقبال', en: 'Reception' },
        languages: ['ar'],
        hours: 'Sa-Th 08:00-20:00',
        verification: verified(200, ROLE.baghdad, 'call'),
      }),
      walkIn('hope-risafa', 'Sa-Th 08:00-20:00', { languages: ['ar'] }),
    ],
  },
  {
    key: 'roj-karkh-cash',
    org: 'roj',
    types: ['cash_assistance'],
    names: sample({ ar: 'مساعدة نقدية للحماية - الكرخ', en: 'Protection cash assistance, Al-Karkh' }),
    descriptions: sample({
      ar: 'مساعدة نقدية لمرة واحدة للنساء المعرضات للخطر، بإحالة من باحث اجتماعي.',
      en: 'One-off cash for women at risk, on referral from a caseworker.',
    }),
    afterContact: pick(AFTER.cash, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, IQ_FED),
    gender: 'women',
    minAge: 18,
    eligibilityNote: { ar: 'بإحالة من جهة تتابع حالتها فقط.', en: 'Only by referral from a support worker.' },
    languages: ['ar'],
    country: 'IQ',
    source: SRC.baghdad(35),
    verification: verified(30, ROLE.baghdad, 'email'),
    referral: referral({
      focal: 'cash',
      phone: '+9647700000972',
      intake: 'form',
      email: 'practitioner-only.cash-karkh@example.org',
      documents: 'id',
      response: 'threeDays',
      languages: IQ_FED,
    }),
    at: [{ location: 'roj-karkh', hours: 'Su-Th 09:00-13:00' }],
    routes: [
      route('office', 'phone', '+9647700000126', {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar'],
        hours: 'Su-Th 09:00-13:00',
        verification: verified(30, ROLE.baghdad, 'call'),
      }),
    ],
  },
  {
    key: 'tigris-karkh-legal-draft',
    org: 'tigris',
    status: 'draft', // not yet published: must never be shown publicly
    types: ['legal_aid'],
    names: sample({ ar: 'العيادة القانونية - الكرخ (مسودة)', en: 'Legal clinic, Al-Karkh (draft)' }),
    descriptions: sample({ en: 'Draft listing awaiting a source and a verification visit.' }),
    afterContact: pick(AFTER.legal, IQ_FED),
    gender: 'any',
    languages: ['ar'],
    country: 'IQ',
    source: null,
    verification: unverified(),
    at: [{ location: 'tigris-risafa', hours: null }],
    routes: [route('office', 'phone', '+9647700000127', { labels: pick(LABEL.office, IQ_FED), languages: ['ar'] })],
  },

  // ------------------------------------------------------------------------------- Erbil (IQG11)
  {
    key: 'jiyan-erbil-case-management',
    org: 'jiyan',
    types: ['case_management'],
    names: sample({
      ar: 'متابعة الحالة - أربيل',
      ckb: 'بەدواداچوونی بارودۆخ - هەولێر',
      kmr: 'دویڤچوونا رەوشێ - هەولێر',
      en: 'Case management, Erbil',
    }),
    descriptions: sample({
      ar: 'متابعة حالة للنساء والرجال الناجين من العنف الأسري والابتزاز الإلكتروني، مع لغة الإشارة عند الطلب.',
      ckb:
        'بەدواداچوونی بارودۆخ بۆ ڕزگاربووانی توندوتیژیی خێزانی و هەڕەشەی ' +
        'ئەلیکترۆنی، لەگەڵ زمانی ئاماژە بە داواکاری.',
      kmr: 'دویڤچوونا رەوشێ بۆ رزگاربوویێن توندوتیژیا خێزانی و گەفێن ئەلیکترۆنی، دگەل زمانێ ئاماژەیان ب داخوازێ.',
      en: 'Case management for survivors of domestic violence and online extortion, with sign language on request.',
    }),
    afterContact: pick(AFTER.ngo, KRI),
    cost: ['free', pick(COST.free, KRI)],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, KRI),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, KRI),
    accessibility: ['wheelchair', 'sign_language'],
    accessibilityNote: {
      ar: 'مترجمة لغة إشارة عند الحجز المسبق.',
      ckb: 'وەرگێڕی زمانی ئاماژە بە حجزکردنی پێشوەخت.',
      en: 'Sign-language interpreter when booked ahead.',
    },
    languages: ['ckb', 'ar', 'kmr', 'en'],
    country: 'IQ',
    source: SRC.kri(7),
    verification: verified(
      3,
      ROLE.erbil,
      'visit',
      'Visited; ramp, sign-language booking and hours confirmed (sample).',
    ),
    referral: referral({
      focal: 'caseManagement',
      phone: '+9647500000951',
      intake: 'form',
      email: 'practitioner-only.erbil@example.org',
      languages: KRI,
    }),
    at: [{ location: 'jiyan-erbil', hours: 'Su-Th 08:00-15:00' }],
    routes: [
      route('office', 'phone', '+9647500000101', {
        labels: pick(LABEL.office, KRI),
        languages: ['ckb', 'ar', 'kmr'],
        hours: 'Su-Th 08:00-15:00',
        verification: verified(3, ROLE.erbil, 'call'),
      }),
      route('whatsapp', 'whatsapp', '+9647500000102', {
        labels: pick(LABEL.eveningWhatsapp, KRI),
        languages: ['ckb', 'ar'],
        hours: EVENING,
        notes: pick(NOTE.deleteChat, KRI),
        verification: verified(3, ROLE.erbil, 'call'),
      }),
      walkIn('jiyan-erbil', 'Su-Th 08:00-15:00', { languages: ['ckb', 'ar', 'kmr', 'en'] }),
      practitionerRoute('referrals', 'phone', '+9647500000901', {
        labels: pick(LABEL.practitioner, KRI),
        languages: ['ckb', 'ar'],
        hours: 'Su-Th 08:00-15:00',
        verification: verified(3, ROLE.erbil, 'call'),
      }),
      practitionerRoute('referrals-email', 'email', 'practitioner-only.erbil@example.org', {
        labels: pick(LABEL.practitioner, KRI),
        languages: ['ckb', 'ar', 'en'],
      }),
    ],
  },
  {
    key: 'jiyan-erbil-men-support',
    org: 'jiyan',
    types: ['mhpss'],
    names: sample({
      ar: 'دعم نفسي للرجال والفتيان - أربيل',
      ckb: 'پاڵپشتیی دەروونی بۆ پیاوان و کوڕان - هەولێر',
      kmr: 'پشتەڤانیا دەروونی بۆ زەلام و کوڕان - هەولێر',
      en: 'Psychosocial support for men and boys, Erbil',
    }),
    descriptions: sample({
      ar: 'جلسات دعم نفسي للرجال الناجين من العنف الجنسي أو الابتزاز الإلكتروني.',
      ckb: 'دانیشتنی پاڵپشتیی دەروونی بۆ پیاوانی ڕزگاربوو لە توندوتیژیی سێکسی یان هەڕەشەی ئەلیکترۆنی.',
      en: 'Psychosocial sessions for men who survived sexual violence or online extortion.',
    }),
    afterContact: pick(AFTER.ngo, KRI),
    cost: ['free', pick(COST.free, KRI)],
    femaleStaff: 'no',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, KRI),
    gender: 'men',
    minAge: 18,
    eligibilityNote: null,
    languages: ['ckb', 'ar'],
    country: 'IQ',
    source: SRC.kri(55),
    verification: verified(50, ROLE.erbil, 'call'),
    referral: referral({ focal: 'mhpss', phone: '+9647500000952', languages: KRI, response: 'threeDays' }),
    at: [{ location: 'jiyan-erbil', hours: 'Su,Tu,Th 16:00-20:00' }],
    routes: [
      route('office', 'phone', '+9647500000103', {
        labels: pick(LABEL.office, KRI),
        languages: ['ckb', 'ar'],
        hours: 'Su,Tu,Th 16:00-20:00',
        verification: verified(50, ROLE.erbil, 'call'),
      }),
    ],
  },
  {
    key: 'daraman-shelter',
    org: 'daraman',
    types: ['shelter'],
    names: sample({
      ar: 'دار الأمان - مأوى آمن، أربيل',
      ckb: 'ماڵی ئەمان - پەناگە، هەولێر',
      kmr: 'مالا ئەمان - پەناگەه، هەولێر',
      en: 'Dar Al-Aman shelter, Erbil',
    }),
    descriptions: sample({
      ar: 'إقامة آمنة مؤقتة للنساء المعرضات لخطر جسيم وأطفالهن. الموقع سري.',
      ckb: 'شوێنی مانەوەی کاتیی سەلامەت بۆ ئافرەتانی ڕووبەڕووی مەترسیی گەورە و منداڵەکانیان. شوێنەکە نهێنییە.',
      kmr: 'جهێ مانا دەمکی یێ پاراستی بۆ ئافرەتێن د بەر مەترسیا مەزن دا و زارۆکێن وان. جه نهێنیە.',
      en: 'Temporary safe accommodation for women at serious risk and their children. The location is confidential.',
    }),
    afterContact: pick(AFTER.shelter, KRI),
    cost: ['free', pick(COST.free, KRI)],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: {
      ar: 'العنوان لا يُعطى إلا بعد القبول. لا تُقبل الزيارات العائلية.',
      ckb: 'ناونیشان تەنها دوای وەرگرتن دەدرێت. سەردانی خێزانی وەرناگیرێت.',
      kmr: 'ناڤ و نیشان تنێ پشتی وەرگرتنێ دهێتە دان. سەرەدانێن خێزانی ناهێنە وەرگرتن.',
      en: 'The address is given only after admission. No family visits.',
    },
    gender: 'women',
    minAge: 18,
    eligibilityNote: {
      ar: 'للنساء المعرضات لخطر جسيم، مع أطفالهن دون ١٢ سنة.',
      ckb: 'بۆ ئافرەتانی ڕووبەڕووی مەترسیی گەورە، لەگەڵ منداڵەکانیان کە لە خوار ١٢ ساڵەوەن.',
      kmr: 'بۆ ئافرەتێن د بەر مەترسیا مەزن دا، دگەل زارۆکێن وان یێن ژ ١٢ سالیێ کێمتر.',
      en: 'For women at serious risk, with their children under 12.',
    },
    accessibility: ['childcare'],
    languages: ['ckb', 'ar', 'kmr'],
    country: 'IQ',
    source: SRC.kri(15),
    verification: verified(
      12,
      ROLE.erbil,
      'visit',
      'Visited with the coordinator; address kept off the record (sample).',
    ),
    referral: referral({
      focal: 'shelter',
      phone: '+9647500000953',
      languages: KRI,
      documents: 'none',
      response: 'immediate',
    }),
    at: [
      {
        location: 'daraman-shelter',
        hours: '24/7',
        note: { ar: 'القبول بالإحالة فقط.', ckb: 'وەرگرتن تەنها بە ڕەوانەکردن.', en: 'Admission by referral only.' },
      },
    ],
    routes: [
      route('admissions', 'phone', '+9647500000104', {
        labels: pick(LABEL.admissions, KRI),
        languages: ['ckb', 'ar'],
        hours: '24/7',
        verification: verified(12, ROLE.erbil, 'call'),
      }),
      practitionerRoute('duty-manager', 'phone', '+9647500000902', {
        labels: pick(LABEL.practitioner, KRI),
        languages: ['ckb', 'ar'],
        hours: '24/7',
        verification: verified(12, ROLE.erbil, 'call'),
      }),
    ],
  },
  {
    key: 'hope-erbil-health',
    org: 'hope',
    types: ['health'],
    names: sample({
      ar: 'عيادة جسور الأمل - أربيل',
      ckb: 'کلینیکی پردی هیوا - هەولێر',
      en: 'Hope Bridges clinic, Erbil',
    }),
    descriptions: sample({
      ar: 'رعاية صحية على مدار الساعة تشمل الرعاية بعد الاعتداء الجنسي خلال ٧٢ ساعة.',
      ckb: 'چاودێریی تەندروستیی شەو و ڕۆژ، لەوانە چارەسەری دوای دەستدرێژیی سێکسی لە ماوەی ٧٢ کاتژمێردا.',
      en: 'Round-the-clock care including care after sexual assault within 72 hours.',
    }),
    afterContact: pick(AFTER.health, KRI),
    cost: ['free', pick(COST.free, KRI)],
    femaleStaff: 'yes',
    anonymous: 'unknown',
    confidentiality: pick(CONF.health, KRI),
    gender: 'any',
    eligibilityNote: pick(ELIG.everyone, KRI),
    languages: ['ckb', 'ar', 'en'],
    country: 'IQ',
    source: SRC.kri(5),
    verification: unverified('Added from the mapping sheet; visit scheduled (sample).'),
    referral: referral({
      focal: 'health',
      phone: '+9647500000954',
      languages: KRI,
      documents: 'medical',
      response: 'immediate',
    }),
    at: [{ location: 'hope-erbil', hours: '24/7', note: pick(NOTE.cmr72, KRI) }],
    routes: [walkIn('hope-erbil', '24/7', { languages: ['ckb', 'ar', 'en'] })],
  },
  {
    key: 'safescreen-erbil-clinic',
    org: 'safescreen',
    types: ['digital_security'],
    names: sample({
      ar: 'عيادة الأمان الرقمي - أربيل',
      ckb: 'کلینیکی سەلامەتیی دیجیتاڵی - هەولێر',
      kmr: 'کلینیکا پاراستنا دیجیتالی - هەولێر',
      en: 'Digital safety clinic, Erbil',
    }),
    descriptions: sample({
      ar: 'أحضر هاتفك: فحص برامج التجسس، تأمين الحسابات، والمساعدة في طلبات حذف الصور.',
      ckb: 'مۆبایلەکەت بهێنە: پشکنینی بەرنامەی سیخوڕی، پاراستنی هەژمارەکان، و یارمەتی لە داواکاریی سڕینەوەی وێنە.',
      kmr: 'مۆبایلا خۆ بینە: پشکنینا بەرنامێن سیخوڕیێ، پاراستنا حسابان، و هاریکاری د داخوازێن ژێبرنا وێنەیان دا.',
      en: 'Bring your phone: spyware checks, account security, and help with image-removal requests.',
    }),
    afterContact: pick(AFTER.digital, KRI),
    cost: ['free', pick(COST.free, KRI)],
    femaleStaff: 'yes',
    anonymous: 'yes',
    confidentiality: pick(CONF.anonymous, KRI),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, KRI),
    languages: ['ckb', 'ar', 'kmr', 'en'],
    country: 'IQ',
    source: SRC.kri(100),
    verification: verified(95, ROLE.erbil, 'visit'),
    referral: referral({ focal: 'digital', phone: '+9647500000955', languages: KRI }),
    at: [{ location: 'safescreen-erbil', hours: 'Su-Th 10:00-16:00; Sa 10:00-14:00' }],
    routes: [
      walkIn('safescreen-erbil', 'Su-Th 10:00-16:00; Sa 10:00-14:00', {
        languages: ['ckb', 'ar', 'kmr', 'en'],
        verification: verified(95, ROLE.erbil, 'visit'),
      }),
      route('signal', 'signal', '+9647500000105', {
        labels: pick(LABEL.signal, KRI),
        languages: ['ckb', 'ar'],
        hours: 'Su-Th 10:00-16:00',
      }),
    ],
  },

  // ------------------------------------------------------------------------------- Duhok (IQG09)
  {
    key: 'jiyan-duhok-safe-space',
    org: 'jiyan',
    types: ['safe_space'],
    // Deliberately no Sorani name: ckb readers fall back to the Badini one.
    names: sample({
      ar: 'مساحة آمنة للنساء والفتيات - دهوك',
      kmr: 'جهێ پاراستی بۆ ئافرەت و کچان - دهۆک',
      en: 'Women and girls safe space, Duhok',
    }),
    descriptions: sample({
      ar: 'أنشطة، وجلسات حول الأمان الرقمي، ورعاية للأطفال، ونقطة دخول سرية إلى الخدمات.',
      kmr: 'چالاکی، دانیشتن ل سەر پاراستنا دیجیتالی، چاڤدێریا زارۆکان، و دەرگەهەکێ نهێنی بۆ خزمەتگوزاریان.',
      en: 'Activities, digital-safety sessions, childcare and a discreet way into services.',
    }),
    afterContact: pick(AFTER.ngo, KRI),
    cost: ['free', pick(COST.free, KRI)],
    femaleStaff: 'yes',
    anonymous: 'yes',
    confidentiality: pick(CONF.ngo, KRI),
    gender: 'women',
    minAge: 12,
    eligibilityNote: pick(ELIG.womenGirls, KRI),
    accessibility: ['childcare'],
    languages: ['kmr', 'ar', 'ckb'],
    country: 'IQ',
    source: SRC.kri(10),
    verification: verified(7, ROLE.duhok, 'visit'),
    referral: referral({ focal: 'safeSpace', phone: '+9647500000956', languages: KRI }),
    at: [{ location: 'jiyan-duhok', hours: 'Su-Th 09:00-14:00' }],
    routes: [
      walkIn('jiyan-duhok', 'Su-Th 09:00-14:00', {
        languages: ['kmr', 'ar'],
        verification: verified(7, ROLE.duhok, 'visit'),
      }),
      route('office', 'phone', '+9647500000106', {
        labels: pick(LABEL.office, KRI),
        languages: ['kmr', 'ar'],
        hours: 'Su-Th 09:00-14:00',
        verification: verified(7, ROLE.duhok, 'call'),
      }),
    ],
  },
  {
    key: 'jiyan-zakho-case-management',
    org: 'jiyan',
    types: ['case_management'],
    names: sample({
      ar: 'متابعة الحالة - زاخو',
      ckb: 'بەدواداچوونی بارودۆخ - زاخۆ',
      kmr: 'دویڤچوونا رەوشێ - زاخۆ',
      en: 'Case management, Zakho',
    }),
    descriptions: sample({
      ar: 'متابعة حالة للسكان والنازحين واللاجئين في قضاء زاخو، مع ترجمة إلى التركية والسريانية.',
      kmr: 'دویڤچوونا رەوشێ بۆ خەلکێ دەڤەرێ، ئاوارە و پەنابەران ل زاخۆ، دگەل وەرگێڕانێ بۆ تورکی و سریانی.',
      en:
        'Case management for residents, displaced people and refugees in Zakho district, with Turkish and Syriac ' +
        'interpretation.',
    }),
    // No Arabic description: Arabic readers see the Badini one, marked with its language. Texts an
    // Arabic reader must understand ("what happens", notes) are in Arabic, as every Iraqi listing's.
    afterContact: pick(AFTER.ngo, ['ar', 'ckb', 'kmr', 'en']),
    cost: ['free', pick(COST.free, KRI)],
    femaleStaff: 'on_request',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, KRI),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, KRI),
    accessibility: ['interpretation'],
    accessibilityNote: {
      ar: 'ترجمة إلى التركية والسريانية.',
      ckb: 'وەرگێڕان بۆ تورکی و سریانی.',
      kmr: 'وەرگێڕان بۆ تورکی و سریانی.',
      en: 'Turkish and Syriac interpretation.',
    },
    languages: ['kmr', 'ar', 'tr', 'syr'],
    country: 'IQ',
    source: SRC.kri(420),
    verification: verified(400, ROLE.duhok, 'call', 'Last confirmed by phone; due for a visit (sample).'),
    referral: referral({
      focal: 'caseManagement',
      phone: '+9647500000957',
      intake: 'form',
      email: 'practitioner-only.zakho@example.org',
      languages: KRI,
      documents: 'id',
    }),
    at: [{ location: 'jiyan-zakho', hours: IRAQ_HOURS }],
    routes: [
      route('office', 'phone', '+9647500000107', {
        labels: pick(LABEL.office, KRI),
        languages: ['kmr', 'ar', 'tr'],
        hours: IRAQ_HOURS,
        verification: verified(400, ROLE.duhok, 'call'),
      }),
      walkIn('jiyan-zakho', IRAQ_HOURS, { languages: ['kmr', 'ar', 'tr', 'syr'] }),
    ],
    closures: [
      // Upcoming: announced days ahead.
      {
        key: 'eid',
        startsDays: 10,
        endsDays: 13,
        closes: true,
        reason: {
          ar: 'عطلة العيد (نموذج)',
          ckb: 'پشووی جەژن (نموونە)',
          kmr: 'بێهنڤەدانا جەژنێ (نموونە)',
          en: 'Eid holiday (sample)',
        },
      },
    ],
  },
  {
    key: 'jiyan-duhok-legal',
    org: 'jiyan',
    types: ['legal_aid'],
    names: sample({
      ar: 'المساعدة القانونية - دهوك',
      ckb: 'هاوکاریی یاسایی - دهۆک',
      kmr: 'هاریکاریا یاسایی - دهۆک',
      en: 'Legal aid, Duhok',
    }),
    descriptions: sample({
      ar: 'محاميات يساعدن في شكاوى العنف الأسري والابتزاز الإلكتروني وفق قانون مناهضة العنف الأسري في الإقليم.',
      kmr: 'پارێزەرێن ژن هاریکاریێ د سکالایێن توندوتیژیا خێزانی و گەفێن ئەلیکترۆنی دا دکەن.',
      en: 'Women lawyers help with domestic violence and online extortion complaints.',
    }),
    afterContact: pick(AFTER.legal, KRI),
    cost: ['free', pick(COST.free, KRI)],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, KRI),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, KRI),
    languages: ['kmr', 'ar'],
    country: 'IQ',
    source: SRC.kri(25),
    verification: verified(20, ROLE.duhok, 'visit'),
    referral: referral({
      focal: 'legal',
      phone: '+9647500000958',
      intake: 'form',
      email: 'practitioner-only.legal-duhok@example.org',
      documents: 'id',
      response: 'threeDays',
      languages: KRI,
    }),
    at: [{ location: 'jiyan-duhok', hours: 'Su-Th 09:00-14:00' }],
    routes: [
      route('office', 'phone', '+9647500000108', {
        labels: pick(LABEL.office, KRI),
        languages: ['kmr', 'ar'],
        hours: 'Su-Th 09:00-14:00',
        verification: verified(20, ROLE.duhok, 'call'),
      }),
    ],
  },

  // ------------------------------------------------------------------------ Sulaymaniyah (IQG06)
  {
    key: 'jiyan-sulaymaniyah-case-management',
    org: 'jiyan',
    types: ['case_management', 'legal_aid'],
    // Deliberately no Badini texts at all: kmr readers fall back to Sorani.
    names: sample({
      ar: 'متابعة الحالة والمساعدة القانونية - السليمانية',
      ckb: 'بەدواداچوونی بارودۆخ و هاوکاریی یاسایی - سلێمانی',
      en: 'Case management and legal aid, Sulaymaniyah',
    }),
    descriptions: sample({
      ar: 'متابعة حالة ومحامية في المكان نفسه، للنساء والرجال.',
      ckb: 'بەدواداچوونی بارودۆخ و پارێزەر لە هەمان شوێن، بۆ ئافرەتان و پیاوان.',
      en: 'Case management with a lawyer on site, for women and men.',
    }),
    afterContact: pick(AFTER.ngo, ['ar', 'ckb', 'en']),
    cost: ['free', pick(COST.free, ['ar', 'ckb', 'en'])],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, ['ar', 'ckb', 'en']),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, ['ar', 'ckb', 'en']),
    accessibility: ['wheelchair'],
    languages: ['ckb', 'ar'],
    country: 'IQ',
    source: SRC.kri(20),
    verification: verified(15, ROLE.sulaymaniyah, 'visit'),
    referral: referral({
      focal: 'caseManagement',
      phone: '+9647500000959',
      intake: 'form',
      email: 'practitioner-only.sulaymaniyah@example.org',
      languages: ['ar', 'ckb', 'en'],
    }),
    at: [{ location: 'jiyan-sulaymaniyah', hours: 'Su-Th 08:00-15:00' }],
    routes: [
      route('office', 'phone', '+9647500000109', {
        labels: pick(LABEL.office, ['ar', 'ckb', 'en']),
        languages: ['ckb', 'ar'],
        hours: 'Su-Th 08:00-15:00',
        verification: verified(15, ROLE.sulaymaniyah, 'call'),
      }),
      walkIn('jiyan-sulaymaniyah', 'Su-Th 08:00-15:00', { languages: ['ckb', 'ar'] }),
      practitionerRoute('referrals', 'whatsapp', '+9647500000903', {
        labels: pick(LABEL.practitioner, ['ar', 'ckb', 'en']),
        languages: ['ckb'],
        hours: 'Su-Th 08:00-15:00',
      }),
    ],
  },
  {
    key: 'jiyan-sulaymaniyah-counselling',
    org: 'jiyan',
    types: ['mhpss'],
    names: sample({
      ar: 'الاستشارة النفسية - السليمانية',
      ckb: 'ڕاوێژی دەروونی - سلێمانی',
      kmr: 'شێورەکرنا دەروونی - سلێمانی',
      en: 'Counselling, Sulaymaniyah',
    }),
    descriptions: sample({
      ar: 'جلسات استشارة نفسية مع أخصائية، حضورياً أو عبر الإنترنت.',
      ckb: 'دانیشتنی ڕاوێژی دەروونی لەگەڵ پسپۆڕ، بە ئامادەبوون یان ئۆنلاین.',
      kmr: 'دانیشتنێن شێورەکرنا دەروونی دگەل پسپۆرێ، ب ئامادەبوون یان ئۆنلاین.',
      en: 'Counselling sessions with a psychologist, in person or online.',
    }),
    afterContact: pick(AFTER.ngo, KRI),
    cost: [
      'paid',
      {
        ar: 'الجلسة ١٠٬٠٠٠ دينار؛ يُعفى من يُحال من باحث اجتماعي.',
        ckb: 'هەر دانیشتنێک ١٠٬٠٠٠ دینار؛ ئەوانەی لەلایەن توێژەری کۆمەڵایەتییەوە ڕەوانە دەکرێن بێبەرامبەرە.',
        kmr: 'هەر دانیشتنەک ١٠٬٠٠٠ دینار؛ بۆ یێن ژ لایێ توێژەرێ جڤاکی ڤە هاتینە رەوانەکرن بێ پارەیە.',
        en: '10,000 IQD per session; waived for people referred by a caseworker.',
      },
    ],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, KRI),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, KRI),
    accessibility: ['remote'],
    languages: ['ckb', 'ar', 'en'],
    country: 'IQ',
    source: SRC.kri(140),
    verification: verified(130, ROLE.sulaymaniyah, 'email'),
    referral: referral({ focal: 'mhpss', phone: '+9647500000960', languages: KRI, response: 'threeDays' }),
    at: [{ location: 'jiyan-sulaymaniyah', hours: 'Su-Th 10:00-18:00' }],
    routes: [
      route('office', 'phone', '+9647500000110', {
        labels: pick(LABEL.office, KRI),
        languages: ['ckb', 'ar'],
        hours: 'Su-Th 10:00-18:00',
        verification: verified(130, ROLE.sulaymaniyah, 'call'),
      }),
      route('email', 'email', 'counselling.sulaymaniyah@example.org', {
        labels: pick(LABEL.email, KRI),
        languages: ['ckb', 'ar', 'en'],
      }),
    ],
  },

  // ------------------------------------------- Publicly documented channels (real, unverified)
  {
    key: 'iq-community-police',
    org: 'iq-community-police',
    types: ['community_police'],
    names: {
      ar: 'الشرطة المجتمعية (٤٩٧ و٥٣٣)',
      ckb: 'پۆلیسی کۆمەڵگا (٤٩٧ و ٥٣٣)',
      kmr: 'پۆلیسێ جڤاکی (٤٩٧ و ٥٣٣)',
      en: 'Community Police (497 and 533)',
    },
    descriptions: {
      ar: 'قناة إبلاغ رسمية في العراق. الرقمان ٤٩٧ و٥٣٣ موثّقان علناً.',
      ckb: 'کەناڵی فەرمیی سکاڵا لە عێراق. ژمارەکانی ٤٩٧ و ٥٣٣ بە ئاشکرا بڵاوکراونەتەوە.',
      kmr: 'رێکا فەرمی یا ئاگەهدارکرنێ ل عیراقێ. ژمارێن ٤٩٧ و ٥٣٣ ب ئاشکرا هاتینە بەلاڤکرن.',
      en: 'Official reporting channel in Iraq. The numbers 497 and 533 are publicly documented.',
    },
    afterContact: pick(AFTER.unconfirmed, IQ_LANGS),
    cost: ['unknown', pick(COST.unknown, IQ_LANGS)],
    femaleStaff: 'unknown',
    anonymous: 'unknown',
    confidentiality: pick(CONF.unknown, IQ_LANGS),
    gender: 'unknown',
    languages: [],
    country: 'IQ',
    source: NO_PUBLIC_SOURCE,
    verification: unverified(PENDING_CHANNEL_NOTE),
    areas: ['IQ'],
    routes: [
      route('497', 'hotline', '497', {
        labels: { ar: 'الشرطة المجتمعية ٤٩٧', en: 'Community Police 497' },
        hours: null,
      }),
      route('533', 'hotline', '533', {
        labels: { ar: 'الشرطة المجتمعية ٥٣٣', en: 'Community Police 533' },
        hours: null,
      }),
    ],
  },
  {
    key: 'iq-national-security-131',
    org: 'iq-national-security',
    types: ['national_security'],
    names: {
      ar: 'جهاز الأمن الوطني (١٣١)',
      ckb: 'دەزگای ئاسایشی نیشتمانی (١٣١)',
      kmr: 'دەزگەهێ ئاسایشا نیشتمانی (١٣١)',
      en: 'National Security Service (131)',
    },
    descriptions: {
      ar: 'قناة إبلاغ رسمية في العراق. الرقم ١٣١ موثّق علناً.',
      ckb: 'کەناڵی فەرمیی سکاڵا لە عێراق. ژمارەی ١٣١ بە ئاشکرا بڵاوکراوەتەوە.',
      kmr: 'رێکا فەرمی یا ئاگەهدارکرنێ ل عیراقێ. ژمارا ١٣١ ب ئاشکرا هاتیە بەلاڤکرن.',
      en: 'Official reporting channel in Iraq. The number 131 is publicly documented.',
    },
    afterContact: pick(AFTER.unconfirmed, IQ_LANGS),
    cost: ['unknown', pick(COST.unknown, IQ_LANGS)],
    femaleStaff: 'unknown',
    anonymous: 'unknown',
    confidentiality: pick(CONF.unknown, IQ_LANGS),
    gender: 'unknown',
    languages: [],
    country: 'IQ',
    source: NO_PUBLIC_SOURCE,
    verification: unverified(PENDING_CHANNEL_NOTE),
    areas: ['IQ'],
    routes: [
      route('131', 'hotline', '131', {
        labels: { ar: 'جهاز الأمن الوطني ١٣١', en: 'National Security Service 131' },
        hours: null,
      }),
    ],
  },
  {
    key: 'kri-helpline-119',
    org: 'kri-dcvaw',
    types: ['hotline'],
    names: {
      ar: 'الخط الساخن ١١٩ (إقليم كوردستان)',
      ckb: 'هێڵی گەرمی ١١٩ (هەرێمی کوردستان)',
      kmr: 'هێلا گەرم یا ١١٩ (هەرێما کوردستانێ)',
      en: 'Helpline 119 (Kurdistan Region)',
    },
    descriptions: {
      ar: 'خط ساخن على مدار ٢٤ ساعة تديره مديرية مناهضة العنف ضد المرأة في إقليم كوردستان.',
      ckb:
        'هێڵی گەرمی ٢٤ کاتژمێری کە بەڕێوەبەرایەتیی بەرەنگاربوونەوەی توندوتیژی دژی ئافرەتان لە هەرێمی کوردستان ' +
        'بەڕێوەی دەبات.',
      kmr: 'هێلا گەرم یا ٢٤ دەمژمێری کو رێڤەبەرییا بەرهنگاربوونا توندوتیژیێ دژی ئافرەتان ل هەرێما کوردستانێ رێڤە دبەت.',
      en: '24-hour helpline run by the Directorate for Combating Violence Against Women in the Kurdistan Region.',
    },
    afterContact: pick(AFTER.unconfirmed, IQ_LANGS),
    cost: ['unknown', pick(COST.unknown, IQ_LANGS)],
    femaleStaff: 'unknown',
    anonymous: 'unknown',
    confidentiality: pick(CONF.unknown, IQ_LANGS),
    gender: 'unknown',
    languages: [],
    country: 'IQ',
    source: {
      // The publisher's name (shown to API clients; the page shows the site and the date). A
      // GOV.KRD news item of 10 February 2021 on the General Directorate for Combating Violence
      // Against Women and Family describes the helpline as working 24 hours.
      description: 'Kurdistan Regional Government (GOV.KRD)',
      url: encodeURI(
        'https://gov.krd/arabic/government/the-prime-minister/activities/posts/2021/february/رئيس-حكومة-إقليم-كوردستان-يتفقد-المديرية-العامة-لمناهضة-العنف-ضد-المرأة-والأسرة',
      ),
      date: '2021-02-10',
    },
    verification: unverified(PENDING_CHANNEL_NOTE),
    // The whole Kurdistan Region, once: its districts and subdistricts inherit it.
    areas: ['IQ-KR'],
    routes: [
      route('119', 'hotline', '119', {
        labels: { ar: 'الخط الساخن ١١٩', ckb: 'هێڵی گەرمی ١١٩', kmr: 'هێلا گەرم یا ١١٩', en: 'Helpline 119' },
        hours: '24/7',
      }),
    ],
  },
  {
    key: 'gt-ministerio-publico-1572',
    org: 'gt-ministerio-publico',
    types: ['police'],
    names: { es: 'Ministerio Público (1572)', en: 'Public Prosecutor’s Office (1572)' },
    descriptions: {
      es: 'Canal oficial de denuncia en Guatemala. El número 1572 está documentado públicamente.',
      en: 'Official reporting channel in Guatemala. The number 1572 is publicly documented.',
    },
    afterContact: pick(AFTER.unconfirmed, GT),
    cost: ['unknown', pick(COST.unknown, GT)],
    femaleStaff: 'unknown',
    anonymous: 'unknown',
    confidentiality: pick(CONF.unknown, GT),
    gender: 'unknown',
    languages: [],
    country: 'GT',
    // A newspaper's report of the Ministerio Público's own announcement of its numbers
    // (1572 for women facing violence), 16 March 2020.
    source: {
      description: 'La Hora (Guatemala), reporting the Ministerio Público',
      url: 'https://lahora.gt/nacionales/cvelix/2020/03/16/mp-prioriza-denuncias-en-linea-y-por-via-telefonica-debido-al-covid-19',
      date: '2020-03-16',
    },
    verification: unverified(PENDING_CHANNEL_NOTE),
    areas: ['GT'],
    routes: [
      route('1572', 'hotline', '1572', {
        labels: { es: 'Ministerio Público 1572', en: 'Public Prosecutor 1572' },
        hours: null,
      }),
    ],
  },
  {
    key: 'gt-pnc-110',
    org: 'gt-pnc',
    types: ['police'],
    names: { es: 'Policía Nacional Civil (110)', en: 'National Civil Police (110)' },
    descriptions: {
      es: 'Canal oficial de denuncia en Guatemala. El número 110 está documentado públicamente.',
      en: 'Official reporting channel in Guatemala. The number 110 is publicly documented.',
    },
    afterContact: pick(AFTER.unconfirmed, GT),
    cost: ['unknown', pick(COST.unknown, GT)],
    femaleStaff: 'unknown',
    anonymous: 'unknown',
    confidentiality: pick(CONF.unknown, GT),
    gender: 'unknown',
    languages: [],
    country: 'GT',
    source: NO_PUBLIC_SOURCE,
    verification: unverified(PENDING_CHANNEL_NOTE),
    areas: ['GT'],
    routes: [route('110', 'hotline', '110', { labels: { es: 'PNC 110', en: 'PNC 110' }, hours: null })],
  },

  // ---------------------------------------------------------------------------------- Guatemala
  {
    key: 'quetzal-guatemala-case-management',
    org: 'quetzal',
    types: ['case_management', 'mhpss'],
    names: sample({
      es: 'Acompañamiento y apoyo emocional, Ciudad de Guatemala',
      en: 'Case management and psychosocial support, Guatemala City',
    }),
    descriptions: sample({
      es:
        'Acompañamiento a mujeres y hombres que enfrentan violencia, incluida la extorsión sexual en línea, y apoyo ' +
        'emocional.',
      en: 'Case management for people facing violence, including online sexual extortion, with psychosocial support.',
    }),
    afterContact: pick(AFTER.ngo, GT),
    cost: ['free', pick(COST.free, GT)],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, GT),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, GT),
    accessibility: ['wheelchair'],
    languages: ['es', 'en'],
    country: 'GT',
    source: SRC.guatemala(14),
    verification: verified(10, ROLE.guatemala, 'visit'),
    referral: referral({
      focal: 'caseManagement',
      phone: '+50200000951',
      intake: 'form',
      email: 'practitioner-only.guatemala@example.org',
      languages: GT,
    }),
    at: [{ location: 'quetzal-guatemala', hours: GT_HOURS }],
    routes: [
      route('office', 'phone', '+50200000101', {
        labels: pick(LABEL.office, GT),
        languages: ['es'],
        hours: GT_HOURS,
        verification: verified(10, ROLE.guatemala, 'call'),
      }),
      route('whatsapp', 'whatsapp', '+50200000102', {
        labels: pick(LABEL.eveningWhatsapp, GT),
        languages: ['es'],
        hours: 'Mo-Fr 16:00-22:00',
        notes: pick(NOTE.deleteChat, GT),
        verification: verified(10, ROLE.guatemala, 'call'),
      }),
      walkIn('quetzal-guatemala', GT_HOURS, { languages: ['es', 'en'] }),
      practitionerRoute('referrals', 'phone', '+50200000901', {
        labels: pick(LABEL.practitioner, GT),
        languages: ['es'],
        hours: GT_HOURS,
        verification: verified(10, ROLE.guatemala, 'call'),
      }),
    ],
  },
  {
    key: 'quetzal-coban-safe-space',
    org: 'quetzal',
    types: ['safe_space', 'mhpss'],
    // Deliberately Spanish-only texts: English readers fall back to Spanish.
    names: sample({ es: 'Espacio seguro para mujeres y niñas, Cobán' }),
    descriptions: sample({ es: 'Espacio seguro con apoyo emocional y grupos de mujeres, con intérprete de q’eqchi’.' }),
    afterContact: pick(AFTER.ngo, ['es']),
    cost: ['free', pick(COST.free, GT)],
    femaleStaff: 'yes',
    anonymous: 'yes',
    confidentiality: pick(CONF.ngo, GT),
    gender: 'women',
    minAge: 12,
    eligibilityNote: pick(ELIG.womenGirls, GT),
    accessibility: ['interpretation', 'childcare'],
    accessibilityNote: { es: 'Intérprete de q’eqchi’ todos los días.' },
    languages: ['es', 'kek'],
    country: 'GT',
    source: SRC.guatemala(110),
    verification: verified(100, ROLE.altaVerapaz, 'partner_report'),
    referral: referral({ focal: 'safeSpace', phone: '+50200000952', languages: GT }),
    at: [{ location: 'quetzal-coban', hours: 'Mo-Fr 08:00-16:00' }],
    routes: [
      walkIn('quetzal-coban', 'Mo-Fr 08:00-16:00', { languages: ['es', 'kek'] }),
      route('office', 'phone', '+50200000103', {
        labels: pick(LABEL.office, GT),
        languages: ['es', 'kek'],
        hours: 'Mo-Fr 08:00-16:00',
      }),
    ],
  },
  {
    key: 'quetzal-chimaltenango-legal',
    org: 'quetzal',
    types: ['legal_aid'],
    names: sample({ es: 'Asesoría legal, Chimaltenango', en: 'Legal aid, Chimaltenango' }),
    descriptions: sample({
      es: 'Asesoría y acompañamiento legal en denuncias por violencia contra la mujer y difusión de imágenes íntimas.',
      en: 'Legal advice and accompaniment for complaints of violence against women and sharing of intimate images.',
    }),
    afterContact: pick(AFTER.legal, GT),
    cost: ['free', pick(COST.free, GT)],
    femaleStaff: 'unknown',
    anonymous: 'no',
    confidentiality: pick(CONF.ngo, GT),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, GT),
    accessibility: ['interpretation'],
    languages: ['es', 'cak'],
    country: 'GT',
    source: SRC.guatemala(25),
    verification: verified(20, ROLE.guatemala, 'call'),
    referral: referral({
      focal: 'legal',
      phone: '+50200000953',
      intake: 'form',
      email: 'practitioner-only.chimaltenango@example.org',
      documents: 'id',
      response: 'threeDays',
      languages: GT,
    }),
    at: [{ location: 'quetzal-chimaltenango', hours: GT_HOURS }],
    routes: [
      route('office', 'phone', '+50200000104', {
        labels: pick(LABEL.office, GT),
        languages: ['es', 'cak'],
        hours: GT_HOURS,
        verification: verified(20, ROLE.guatemala, 'call'),
      }),
    ],
  },
  {
    key: 'ixchel-coban-health',
    org: 'ixchel',
    types: ['health'],
    names: sample({ es: 'Clínica Ixchel, Cobán', en: 'Ixchel Clinic, Cobán' }),
    descriptions: sample({
      es: 'Atención las 24 horas, incluida la atención después de una agresión sexual dentro de las 72 horas.',
      en: 'Round-the-clock care including care after sexual assault within 72 hours.',
    }),
    afterContact: pick(AFTER.health, GT),
    cost: ['free', pick(COST.free, GT)],
    femaleStaff: 'yes',
    anonymous: 'no',
    confidentiality: pick(CONF.health, GT),
    gender: 'any',
    eligibilityNote: pick(ELIG.everyone, GT),
    languages: ['es', 'kek'],
    country: 'GT',
    source: SRC.guatemala(30),
    verification: verified(28, ROLE.altaVerapaz, 'visit'),
    referral: referral({
      focal: 'health',
      phone: '+50200000954',
      languages: GT,
      documents: 'medical',
      response: 'immediate',
    }),
    at: [{ location: 'ixchel-coban', hours: '24/7', note: pick(NOTE.cmr72, GT) }],
    routes: [
      route('emergency', 'phone', '+50200000105', {
        labels: { es: 'Emergencias', en: 'Emergencies' },
        languages: ['es', 'kek'],
        hours: '24/7',
        verification: verified(28, ROLE.altaVerapaz, 'call'),
      }),
      walkIn('ixchel-coban', '24/7', { languages: ['es', 'kek'] }),
    ],
  },
  {
    key: 'tzunun-digital-help',
    org: 'tzunun',
    types: ['digital_security'],
    names: sample({
      es: 'Ayuda para proteger tu teléfono y tus cuentas (a distancia)',
      en: 'Digital-security help (remote)',
    }),
    descriptions: sample({
      es:
        'Ayuda remota en todo el país ante extorsión sexual en línea, ' +
        'robo de cuentas y difusión de imágenes íntimas.',
      en: 'Remote help nationwide with online sexual extortion, account takeover and sharing of intimate images.',
    }),
    afterContact: pick(AFTER.digital, GT),
    cost: ['free', pick(COST.free, GT)],
    femaleStaff: 'on_request',
    anonymous: 'yes',
    confidentiality: pick(CONF.anonymous, GT),
    gender: 'any',
    minAge: 18,
    eligibilityNote: pick(ELIG.adults, GT),
    accessibility: ['remote'],
    languages: ['es', 'en'],
    country: 'GT',
    source: SRC.guatemala(5),
    verification: unverified('Nuevo en el mapeo; verificación pendiente (muestra).'),
    referral: referral({ focal: 'digital', phone: '+50200000955', languages: GT }),
    areas: ['GT'],
    routes: [
      route('signal', 'signal', '+50200000106', {
        labels: pick(LABEL.signal, GT),
        languages: ['es', 'en'],
        hours: 'Mo-Fr 09:00-17:00',
      }),
      route('email', 'email', 'ayuda.digital@example.org', { labels: pick(LABEL.email, GT), languages: ['es', 'en'] }),
      route('web-form', 'web_form', 'https://example.org/sample/ayuda-digital', {
        labels: pick(LABEL.webForm, GT),
        languages: ['es', 'en'],
        hours: '24/7',
      }),
    ],
  },
  {
    key: 'quetzal-helpline',
    org: 'quetzal',
    types: ['hotline'],
    names: sample({ es: 'Línea Quetzal 24 horas', en: 'Quetzal 24-hour line' }),
    descriptions: sample({
      es: 'Línea de apoyo las 24 horas para todo el país: escucha, información y derivación.',
      en: 'A 24-hour support line for the whole country: listening, information and referral.',
    }),
    afterContact: pick(AFTER.hotline, GT),
    cost: ['free', pick(COST.free, GT)],
    femaleStaff: 'yes',
    anonymous: 'yes',
    confidentiality: pick(CONF.anonymous, GT),
    gender: 'any',
    eligibilityNote: pick(ELIG.everyone, GT),
    accessibility: ['remote'],
    languages: ['es', 'en'],
    country: 'GT',
    source: SRC.guatemala(7),
    verification: verified(6, ROLE.guatemala, 'call', 'Llamada de prueba atendida por una consejera (muestra).'),
    referral: referral({ focal: 'hotline', phone: '+50200000956', languages: GT, response: 'immediate' }),
    areas: ['GT'],
    routes: [
      route('hotline', 'hotline', '+50200000107', {
        labels: pick(LABEL.hotline24, GT),
        languages: ['es', 'en'],
        hours: '24/7',
        verification: verified(6, ROLE.guatemala, 'call'),
      }),
      route('whatsapp', 'whatsapp', '+50200000108', {
        labels: pick(LABEL.whatsapp, GT),
        languages: ['es'],
        hours: '24/7',
        notes: pick(NOTE.deleteChat, GT),
      }),
    ],
    closures: [
      // An alert on one route (informs, does not close).
      {
        key: 'network-alert',
        route: 'hotline',
        startsHours: -24,
        endsHours: 24 * 5,
        closes: false,
        reason: {
          es: 'Fallas de red: si la llamada se corta, escribe por WhatsApp (muestra).',
          en: 'Network problems: if the call drops, message on WhatsApp (sample).',
        },
      },
    ],
  },
  // ------------------------------------------- Services the sample referral pathways need
  // Qayyarah: an NGO that accompanies, hosts the meeting or passes a case on without the name, and
  // a Community Peace Team. Fictional: no public source describes them (research gap).
  {
    key: 'sanad-qayyarah-accompaniment',
    org: 'sanad',
    types: ['accompaniment', 'case_management'],
    names: sample({ ar: 'المرافقة والإحالة - القيارة', en: 'Accompaniment and referral, Qayyarah' }),
    descriptions: sample({
      ar:
        'ترافقك موظفة إلى الشرطة المجتمعية أو الأمن الوطني، أو تستضيف اللقاء مع الجهة في مكتب المنظمة ' +
        'فلا تحتاجين إلى الذهاب إليها، أو تنقل الحالة دون ذكر اسمك. منظمة خيالية لأغراض العرض.',
      en:
        'A staff member goes with you to the Community Police or the National Security Service, hosts the ' +
        'meeting with them at the organisation’s office so you need not go to them, or passes the case on ' +
        'without your name. A fictional organisation for demonstration.',
    }),
    afterContact: pick(AFTER.ngo, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'yes',
    anonymous: 'yes',
    accompaniment: 'yes',
    safePlaceMeeting: 'yes',
    passesOnWithoutIdentity: 'yes',
    confidentiality: pick(CONF.ngo, IQ_FED),
    gender: 'women',
    minAge: 12,
    languages: ['ar'],
    country: 'IQ',
    source: SRC.ninewa(20),
    verification: verified(20, ROLE.ninewa, 'visit'),
    referral: referral({ focal: 'caseManagement', phone: '+9647700000981', languages: IQ_FED }),
    at: [{ location: 'sanad-qayyarah', hours: 'Su-Th 09:00-15:00' }],
    areas: ['IQG15Q05N01'],
    routes: [
      route('office', 'phone', '+9647700000201', {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar'],
        hours: 'Su-Th 09:00-15:00',
        verification: verified(20, ROLE.ninewa, 'call'),
      }),
      route('whatsapp', 'whatsapp', '+9647700000202', {
        labels: pick(LABEL.whatsapp, IQ_FED),
        languages: ['ar'],
        hours: 'Su-Th 09:00-20:00',
        notes: pick(NOTE.deleteChat, IQ_FED),
      }),
      walkIn('sanad-qayyarah', 'Su-Th 09:00-15:00', { languages: ['ar'] }),
    ],
  },
  {
    key: 'qayyarah-community-peace-team',
    org: 'sanad',
    types: ['community_protection'],
    names: sample({ ar: 'فريق السلام المجتمعي - القيارة', en: 'Community Peace Team, Qayyarah' }),
    descriptions: sample({
      ar: 'شابات وشبان من القيارة يستقبلون الحالات ويدلّون على الخدمات. فريق خيالي لأغراض العرض.',
      en:
        'Young people from Qayyarah who receive cases and show the ' +
        'way to services. A fictional team for demonstration.',
    }),
    afterContact: pick(AFTER.ngo, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'yes',
    anonymous: 'unknown',
    passesOnWithoutIdentity: 'yes',
    confidentiality: pick(CONF.ngo, IQ_FED),
    gender: 'any',
    eligibilityNote: pick(ELIG.everyone, IQ_FED),
    languages: ['ar'],
    country: 'IQ',
    source: SRC.ninewa(20),
    verification: unverified(),
    areas: ['IQG15Q05N01'],
    routes: [
      route('whatsapp', 'whatsapp', '+9647700000203', {
        labels: pick(LABEL.whatsapp, IQ_FED),
        languages: ['ar'],
        hours: 'Su-Th 10:00-18:00',
      }),
    ],
  },
  // Karbala: early-warning units in each subdistrict pass electronic-extortion cases to the
  // Technologies and Informatics Department. No public source was found for any of them (research
  // gap), so they are fictional sample listings with fictional numbers and no source recorded.
  ...KARBALA_SUBDISTRICTS.map(([pcode, ar, en], i) => ({
    key: `karbala-early-warning-${pcode}`,
    org: 'karbala-early-warning',
    types: ['early_warning_unit'],
    names: sample({ ar: `وحدة الإنذار المبكر - ${ar}`, en: `Early-warning unit, ${en}` }),
    descriptions: sample({
      ar:
        'تستقبل حالات الابتزاز الإلكتروني، وتحافظ على خصوصيتك، وتنقلها إلى قسم التقنيات والمعلوماتية. ' +
        'وحدة خيالية لأغراض العرض.',
      en:
        'Receives cases of electronic extortion, keeps your privacy and passes them to the Technologies and ' +
        'Informatics Department. A fictional unit for demonstration.',
    }),
    afterContact: pick(AFTER.unconfirmed, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'unknown',
    anonymous: 'unknown',
    passesOnWithoutIdentity: 'unknown',
    gender: 'any',
    eligibilityNote: pick(ELIG.everyone, IQ_FED),
    languages: ['ar'],
    country: 'IQ',
    source: NO_PUBLIC_SOURCE,
    verification: unverified(NO_SOURCE_NOTE),
    referral: referral({ focal: 'police', phone: `+96477000009${85 + i}`, languages: IQ_FED, response: 'immediate' }),
    areas: [pcode],
    routes: [
      route('phone', 'phone', `+96477000002${10 + i}`, {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar'],
        hours: IRAQ_HOURS,
      }),
    ],
  })),
  {
    key: 'karbala-technologies-informatics',
    org: 'karbala-early-warning',
    types: ['cybercrime_unit'],
    names: sample({
      ar: 'قسم التقنيات والمعلوماتية - كربلاء',
      en: 'Technologies and Informatics Department, Karbala',
    }),
    descriptions: sample({
      ar: 'يستقبل الحالات من وحدات الإنذار المبكر ويتابع التحقيق فيها. وحدة خيالية لأغراض العرض.',
      en:
        'Receives cases from the early-warning units and follows ' +
        'up the investigation. A fictional unit for demonstration.',
    }),
    afterContact: pick(AFTER.unconfirmed, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    gender: 'any',
    languages: ['ar'],
    country: 'IQ',
    source: NO_PUBLIC_SOURCE,
    verification: unverified(NO_SOURCE_NOTE),
    referral: referral({ focal: 'police', phone: '+9647700000982', languages: IQ_FED }),
    areas: ['IQG12'],
    routes: [
      route('phone', 'phone', '+9647700000204', {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar'],
        hours: IRAQ_HOURS,
      }),
    ],
  },
  {
    key: 'tigris-karbala-volunteer-lawyers',
    org: 'tigris',
    types: ['legal_volunteers'],
    names: sample({ ar: 'محاميات متطوعات - كربلاء', en: 'Volunteer women lawyers, Karbala' }),
    descriptions: sample({
      ar: 'محاميات يقدّمن المشورة القانونية في قضايا الابتزاز الإلكتروني دون مقابل. خدمة خيالية لأغراض العرض.',
      en:
        'Women lawyers who give free legal advice in electronic-extortion ' +
        'cases. A fictional service for demonstration.',
    }),
    afterContact: pick(AFTER.legal, IQ_FED),
    cost: ['free', pick(COST.free, IQ_FED)],
    femaleStaff: 'yes',
    anonymous: 'no',
    accompaniment: 'yes',
    gender: 'women',
    minAge: 18,
    languages: ['ar'],
    country: 'IQ',
    source: SRC.karbala(30),
    verification: verified(30, ROLE.karbala, 'call'),
    areas: ['IQG12'],
    routes: [
      route('phone', 'phone', '+9647700000205', {
        labels: pick(LABEL.office, IQ_FED),
        languages: ['ar'],
        hours: 'Su-Th 10:00-16:00',
        verification: verified(30, ROLE.karbala, 'call'),
      }),
    ],
  },
];

// Real bodies on the pathways, with the public source the research found (research/pathways-
// sources.md); unverified until a verification call, and without numbers no public source gives.
const pathwayBodies = [
  {
    key: 'kri-dcvaw-counselling',
    org: 'kri-dcvaw',
    types: ['mhpss', 'legal_aid'],
    names: {
      ar: 'مراكز الإرشاد الأسري - مديرية مناهضة العنف ضد المرأة والأسرة (أربيل)',
      ckb: 'ناوەندەکانی ڕاوێژی خێزانی - بەڕێوەبەرایەتیی بەرەنگاربوونەوەی توندوتیژی دژی ئافرەتان و خێزان (هەولێر)',
      en: 'Family counselling centres, Directorate of Combating Violence Against Women and Family (Erbil)',
    },
    descriptions: {
      ar: 'مراكز فيها مرشدون نفسيون وموظفون قانونيون، من النساء والرجال.',
      ckb: 'ناوەندگەلێک کە ڕاوێژکاری دەروونی و کارمەندی یاسایییان تێدایە، ژن و پیاو.',
      en: 'Centres with psychological counsellors and legal staff, women and men.',
    },
    afterContact: pick(AFTER.unconfirmed, IQ_LANGS),
    femaleStaff: 'yes',
    languages: [],
    country: 'IQ',
    source: {
      description: 'Kurdistan 24',
      url: 'https://www.kurdistan24.net/en/story/395292/KRG-announces-success-in-reducing-violence-against-women-in-Erbil',
      date: null,
    },
    verification: unverified(PENDING_CHANNEL_NOTE),
    areas: ['IQG11'],
    routes: [],
  },
  // SEED's page names these services for survivors of online violence but no way to reach them:
  // the listing has no contact route until a verification call records one.
  {
    key: 'kri-seed-online-violence',
    org: 'kri-seed-foundation',
    types: ['mhpss', 'legal_aid', 'cash_assistance'],
    names: {
      ar: 'دعم الناجين من العنف عبر الإنترنت - مؤسسة سيد',
      ckb: 'پاڵپشتیی ڕزگاربووانی توندوتیژیی ئۆنلاین - دەزگای سید',
      kmr: 'پشتەڤانیا رزگاربوویێن توندوتیژیا ئۆنلاین - دەزگەهێ سید',
      en: 'Support for survivors of online violence, SEED Foundation',
    },
    descriptions: {
      ar: 'دعم للصحة النفسية وخدمات قانونية ومساعدات نقدية لمن تعرّضوا للعنف عبر الإنترنت.',
      ckb: 'پاڵپشتیی تەندروستیی دەروونی و خزمەتگوزاریی یاسایی و هاوکاریی پارەیی بۆ ڕزگاربووانی توندوتیژیی ئۆنلاین.',
      kmr: 'پشتەڤانیا ساخلەمیا دەروونی و خزمەتگوزاریێن یاسایی و هاریکاریا دراڤی بۆ رزگاربوویێن توندوتیژیا ئۆنلاین.',
      en: 'Mental-health support, legal services and cash assistance for survivors of online violence.',
    },
    afterContact: pick(AFTER.unconfirmed, KRI),
    languages: [],
    country: 'IQ',
    source: {
      description: 'SEED Foundation',
      url: 'https://beta.seedkurdistan.org/online-violence',
      date: null,
    },
    verification: unverified(
      'Listed from SEED Foundation’s page on online violence, which gives no phone number or intake route: ' +
        'record how survivors reach these services at the first verification call.',
    ),
    // SEED names the Kurdistan Region, not one governorate: the whole region, once.
    areas: ['IQ-KR'],
    routes: [],
  },
  {
    key: 'kri-panawar',
    org: 'kri-womens-union',
    types: ['hotline', 'legal_volunteers'],
    names: {
      ar: 'بناور: خط ساخن ومحامون متطوعون',
      ckb: 'پەناوەر: هێڵی گەرم و پارێزەری خۆبەخش',
      kmr: 'پەناوەر: هێلا گەرم و پارێزەرێن خۆبەخش',
      en: 'Panawar: hotline and volunteer lawyers',
    },
    descriptions: {
      ar:
        'خط ساخن للنساء اللواتي يواجهن العنف الأسري أو العنف عبر ' +
        'الإنترنت، ومحامون متطوعون يتولّون القضايا دون مقابل.',
      ckb:
        'هێڵێکی گەرم بۆ ئەو ئافرەتانەی ڕووبەڕووی توندوتیژیی خێزانی یان ئۆنلاین ' +
        'دەبنەوە، و پارێزەری خۆبەخش کە بێبەرامبەر دۆسیەکان وەردەگرن.',
      kmr:
        'هێلەکا گەرم بۆ وان ئافرەتێن ڕووبەڕوویێ توندوتیژیا خێزانی یان ئۆنلاین ' +
        'دبن، و پارێزەرێن خۆبەخش کو بێ بەرامبەر دۆسیان وەردگرن.',
      en:
        'A hotline for women facing domestic or online violence, and volunteer lawyers who take cases free of ' +
        'charge.',
    },
    afterContact: {
      ar:
        'بحسب اتحاد نساء كوردستان، ينقل المحامون المتطوعون الحالات إلى مديرية مناهضة العنف ضد المرأة والأسرة. ' +
        'اسأل عمّا سيحدث، وهل يُنقل شيء دون موافقتك.',
      ckb:
        'بەپێی یەکێتیی ئافرەتانی کوردستان، پارێزەرە خۆبەخشەکان دۆسیەکان ڕەوانەی بەڕێوەبەرایەتیی بەرەنگاربوونەوەی ' +
        'توندوتیژی دژی ئافرەتان و خێزان دەکەن. بپرسە چی ڕوودەدات، و ئایا شتێک بەبێ ڕەزامەندیی تۆ ڕەوانە دەکرێت.',
      kmr:
        'ل دویف ئێکەتیا ئافرەتێن کوردستانێ، پارێزەرێن خۆبەخش دۆسیان رەوانەی رێڤەبەرییا بەرهنگاربوونا توندوتیژیێ ' +
        'دژی ئافرەتان و خێزانێ دکەن. بپرسە کا دێ چ قەومیت، و ئەرێ تشتەک بێ رەزامەندیا تە دهێتە رەوانەکرن.',
      en:
        'According to the Kurdistan Women’s Union, its volunteer lawyers pass cases on to the Directorate of ' +
        'Combating Violence Against Women and Family. Ask what will happen, and whether anything is passed on ' +
        'without your agreement.',
    },
    cost: [
      'free',
      {
        ar: 'يتولّى المحامون المتطوعون القضايا دون مقابل.',
        ckb: 'پارێزەرە خۆبەخشەکان بێبەرامبەر دۆسیەکان وەردەگرن.',
        kmr: 'پارێزەرێن خۆبەخش بێ بەرامبەر دۆسیان وەردگرن.',
        en: 'The volunteer lawyers take cases free of charge.',
      },
    ],
    gender: 'women',
    languages: [],
    country: 'IQ',
    source: { description: 'KirkukNow', url: 'https://kirkuknow.com/en/news/71432', date: null },
    verification: unverified(
      'Listed from KirkukNow’s report of the launch (November 2025). At the first verification call, confirm ' +
        'the number and its hours, and whether cases are passed on to the directorate without the woman’s consent.',
    ),
    // The institute has offices in every governorate of the region: the whole region, once.
    areas: ['IQ-KR'],
    routes: [
      route('hotline', 'phone', '+9647502008179', {
        labels: {
          ar: 'خط بناور الساخن',
          ckb: 'هێڵی گەرمی پەناوەر',
          kmr: 'هێلا گەرم یا پەناوەر',
          en: 'Panawar hotline',
        },
        hours: null,
        // Where the number comes from, so a reader can weigh it before a verification call.
        notes: {
          ar: 'الرقم كما نشره موقع كركوك ناو (تشرين الثاني ٢٠٢٥).',
          ckb: 'ژمارەکە وەک ئەوەی کەرکووک ناو بڵاوی کردەوە (تشرینی دووەمی ٢٠٢٥).',
          kmr: 'ژمارە وەکی کەرکووک ناو بەلاڤکری (چریا دووێ ٢٠٢٥).',
          en: 'The number as published by KirkukNow (November 2025).',
        },
      }),
    ],
  },
  {
    key: 'gt-inacif',
    org: 'gt-inacif',
    types: ['forensic_medicine'],
    names: {
      es: 'Instituto Nacional de Ciencias Forenses (INACIF)',
      en: 'National Institute of Forensic Sciences (INACIF), Guatemala',
    },
    descriptions: {
      es: 'Médicas y médicos forenses de INACIF atienden en el MAIMI del Ministerio Público, las 24 horas.',
      en: 'INACIF forensic doctors work at the Public Prosecutor’s MAIMI, around the clock.',
    },
    afterContact: pick(AFTER.unconfirmed, GT),
    // Public institutions of Guatemala: they work in Spanish (other languages not recorded).
    languages: ['es'],
    country: 'GT',
    source: {
      description: 'INACIF, Diálogo Forense',
      url: 'https://dialogoforense.inacif.gob.gt/index.php/dialogoforense/article/download/145/152/242?inline=1',
      date: null,
    },
    verification: unverified(PENDING_CHANNEL_NOTE),
    areas: ['GT'],
    routes: [],
  },
  {
    key: 'gt-pnc-ciberdelitos',
    org: 'gt-pnc',
    types: ['cybercrime_unit'],
    names: {
      es: 'PNC, Departamento de Investigación de Ciberdelitos e Informática Forense',
      en: 'PNC Cybercrime and Digital Forensics Investigation Department, Guatemala',
    },
    descriptions: {
      es: 'Recibe denuncias de violación a la intimidad sexual cometida por redes sociales.',
      en: 'Receives complaints of violations of sexual privacy committed through social media.',
    },
    afterContact: pick(AFTER.unconfirmed, GT),
    // Public institutions of Guatemala: they work in Spanish (other languages not recorded).
    languages: ['es'],
    country: 'GT',
    source: {
      description: 'Ministerio de Gobernación',
      url: 'https://mingob.gob.gt/ciberdelitos-atiende-casos-de-violacion-a-la-intimidad-en-redes-sociales',
      date: null,
    },
    verification: unverified(PENDING_CHANNEL_NOTE),
    areas: ['GT'],
    routes: [],
  },
  ...[
    ['GT0101', 'Guatemala', 'Guatemala City'],
    ['GT1601', 'Cobán, Alta Verapaz', 'Cobán, Alta Verapaz'],
    ['GT0401', 'Chimaltenango', 'Chimaltenango'],
  ].map(([pcode, es, en]) => ({
    key: `gt-dmm-${pcode}`,
    org: 'gt-dmm',
    types: ['case_management'],
    names: { es: `Dirección Municipal de la Mujer, ${es}`, en: `Municipal Women’s Directorate, ${en}` },
    descriptions: {
      es: 'Puerta de entrada: atiende y deriva casos de violencia contra la mujer.',
      en: 'An entry point: attends to cases of violence against women and refers them on.',
    },
    afterContact: pick(AFTER.unconfirmed, GT),
    languages: ['es'],
    country: 'GT',
    // Only Guatemala City's directorate has a public page found so far; the others have none yet.
    source:
      pcode === 'GT0101'
        ? {
            description: 'Municipalidad de Guatemala, Dirección Municipal de la Mujer',
            url: 'https://issuu.com/webmuniguate/docs/libro-ppacvm-v.-digital',
            date: null,
          }
        : NO_PUBLIC_SOURCE,
    verification: unverified(PENDING_CHANNEL_NOTE),
    areas: [pcode],
    routes: [],
  })),
];
services.push(...pathwayBodies);

// ---------------------------------------------------------------------------------------------
// Resolution: authored records → plain objects with ids and dates relative to `now`
// ---------------------------------------------------------------------------------------------

const iso = (ms) => new Date(ms).toISOString();
const isoDate = (ms) => iso(ms).slice(0, 10);

/** M1: verified records past their next due date are 'overdue' (C2 ranks them below fresh ones). */
function resolveVerification(v, now, cycleDays) {
  if (!v || v.status === 'unverified') {
    return {
      status: 'unverified',
      lastVerifiedAt: null,
      lastVerifiedBy: null,
      method: null,
      note: v?.note ?? null,
      nextVerificationDue: null,
    };
  }
  const last = now.getTime() - v.ageDays * DAY_MS;
  const due = last + cycleDays * DAY_MS;
  return {
    status: due < now.getTime() ? 'overdue' : 'verified',
    lastVerifiedAt: iso(last),
    lastVerifiedBy: v.by,
    method: v.method,
    note: v.note ?? null,
    nextVerificationDue: iso(due),
  };
}

const serviceTypeById = new Map(serviceTypes.map((t) => [t.id, t]));

/**
 * One authored sample listing resolved to a plain object with ids and dates relative to `now`.
 * Its sort name and verification cycle come from the module the Worker uses after edits.
 */
export function resolveService(s, now) {
  const id = serviceId(s.key);
  const cycleDays = verificationCycleDays(s.types.map((typeId) => serviceTypeById.get(typeId)));
  const t = now.getTime();
  const verification = resolveVerification(
    s.verification?.note === PENDING_CHANNEL_NOTE
      ? { ...s.verification, note: pendingChannelNote(s.source) }
      : s.verification,
    now,
    cycleDays,
  );
  const routes = s.routes.map((r, index) => ({
    id: sampleId(`route:${s.key}:${r.key}`),
    kind: r.kind,
    value: r.value,
    visibility: r.visibility,
    labels: r.labels ?? {},
    languages: r.languages ?? [],
    openingHours: r.hours ?? null,
    notes: r.notes ?? {},
    sortOrder: index,
    verification: resolveVerification(r.verification, now, cycleDays),
  }));
  const routeIdByKey = Object.fromEntries(s.routes.map((r, i) => [r.key, routes[i].id]));
  const closures = (s.closures ?? []).map((c) => {
    const starts = c.startsHours !== undefined ? t + c.startsHours * HOUR_MS : t + c.startsDays * DAY_MS;
    const ends = c.endsHours !== undefined ? t + c.endsHours * HOUR_MS : t + c.endsDays * DAY_MS;
    return {
      id: sampleId(`closure:${s.key}:${c.key}`),
      // Exactly one of serviceId / contactRouteId (schema): a route closure names its route only.
      serviceId: c.route ? null : id,
      contactRouteId: c.route ? routeIdByKey[c.route] : null,
      startsAt: iso(starts),
      endsAt: iso(ends),
      closes: c.closes,
      reason: c.reason,
    };
  });
  return {
    id,
    key: s.key,
    organisationId: orgId(s.org),
    status: s.status ?? 'published',
    typeIds: s.types,
    names: s.names,
    descriptions: s.descriptions ?? {},
    afterContact: s.afterContact ?? {},
    costKind: s.cost?.[0] ?? 'unknown',
    costNote: s.cost?.[1] ?? {},
    femaleStaff: s.femaleStaff ?? 'unknown',
    anonymousReporting: s.anonymous ?? 'unknown',
    accompaniment: s.accompaniment ?? 'unknown',
    safePlaceMeeting: s.safePlaceMeeting ?? 'unknown',
    passesOnWithoutIdentity: s.passesOnWithoutIdentity ?? 'unknown',
    confidentialityNote: s.confidentiality ?? {},
    eligibleGender: s.gender ?? 'unknown',
    minAge: s.minAge ?? null,
    maxAge: s.maxAge ?? null,
    eligibilityNote: s.eligibilityNote ?? {},
    accessibility: s.accessibility ?? [],
    accessibilityNote: s.accessibilityNote ?? {},
    languages: s.languages,
    country: s.country,
    sortName: sortName(s.names),
    source: s.source
      ? {
          description: s.source.description,
          url: s.source.url,
          // A public source's own date (null when it shows none); a sample mapping sheet's is relative.
          date: s.source.daysAgo === undefined ? (s.source.date ?? null) : isoDate(t - s.source.daysAgo * DAY_MS),
        }
      : { description: null, url: null, date: null },
    verification,
    referral: s.referral ?? null,
    locations: (s.at ?? []).map((a) => ({
      id: sampleId(`service-at-location:${s.key}:${a.location}`),
      locationId: locationId(a.location),
      locationKey: a.location,
      openingHours: a.hours ?? null,
      hoursNote: a.note ?? {},
    })),
    areaPcodes: s.areas ?? [],
    routes,
    closures,
    createdAt: iso(t - 500 * DAY_MS),
    updatedAt: verification.lastVerifiedAt ?? iso(t - 2 * DAY_MS),
  };
}

/**
 * The sample directory as plain objects, nested per service:
 * `{ organisations, locations, services }`; each service carries its type ids, sites
 * (`locations`: service-at-location links), `areaPcodes`, `routes`, `closures` and `referral`.
 * @param {Date} now anchors verification ages, due dates, source dates and closures.
 */
export function sampleDirectory(now) {
  const t = now.getTime();
  const stamp = { createdAt: iso(t - 500 * DAY_MS), updatedAt: iso(t - 30 * DAY_MS) };
  return {
    organisations: organisations.map((o) => ({
      id: orgId(o.key),
      key: o.key,
      names: o.names,
      descriptions: o.descriptions,
      website: o.website,
      isSample: o.isSample,
      ...stamp,
    })),
    locations: locations.map((l) => ({
      id: locationId(l.key),
      key: l.key,
      organisationId: orgId(l.org),
      names: l.names,
      address: l.address,
      areaPcode: l.pcode,
      lon: l.lon,
      lat: l.lat,
      isConfidential: l.confidential ?? false,
      ...stamp,
    })),
    services: services.map((s) => resolveService(s, now)),
  };
}

const verificationColumns = (v) => ({
  verification_status: v.status,
  last_verified_at: v.lastVerifiedAt,
  last_verified_by: v.lastVerifiedBy,
  verification_method: v.method,
  verification_note: v.note,
  next_verification_due: v.nextVerificationDue,
});

/**
 * INSERT statements for the sample, in foreign-key order. Needs the service types
 * (serviceTypeStatements) and the areas seeded first.
 */
/** @param {Date} now  @param directory  another directory of the same shape (the bench grows one). */
export function sampleStatements(now, directory = sampleDirectory(now)) {
  const { organisations: orgs, locations: locs, services: list } = directory;
  const statements = [];
  for (const o of orgs) {
    statements.push(
      insertRow('organisations', {
        id: o.id,
        names: o.names,
        descriptions: o.descriptions,
        website: o.website,
        is_sample: o.isSample,
        created_at: o.createdAt,
        updated_at: o.updatedAt,
      }),
    );
  }
  for (const l of locs) {
    statements.push(
      insertRow('locations', {
        id: l.id,
        organisation_id: l.organisationId,
        names: l.names,
        address: l.address,
        area_pcode: l.areaPcode,
        lon: l.lon,
        lat: l.lat,
        is_confidential: l.isConfidential,
        created_at: l.createdAt,
        updated_at: l.updatedAt,
      }),
    );
  }
  for (const s of list) {
    statements.push(
      insertRow('services', {
        id: s.id,
        organisation_id: s.organisationId,
        status: s.status,
        names: s.names,
        descriptions: s.descriptions,
        after_contact: s.afterContact,
        cost_kind: s.costKind,
        cost_note: s.costNote,
        female_staff: s.femaleStaff,
        anonymous_reporting: s.anonymousReporting,
        accompaniment: s.accompaniment,
        safe_place_meeting: s.safePlaceMeeting,
        passes_on_without_identity: s.passesOnWithoutIdentity,
        confidentiality_note: s.confidentialityNote,
        eligible_gender: s.eligibleGender,
        min_age: s.minAge,
        max_age: s.maxAge,
        eligibility_note: s.eligibilityNote,
        accessibility: s.accessibility,
        accessibility_note: s.accessibilityNote,
        languages: s.languages,
        country: s.country,
        sort_name: s.sortName,
        source_description: s.source.description,
        source_url: s.source.url,
        source_date: s.source.date,
        ...verificationColumns(s.verification),
        created_at: s.createdAt,
        updated_at: s.updatedAt,
      }),
    );
    if (s.referral) {
      statements.push(
        insertRow('service_referral_details', {
          service_id: s.id,
          focal_point: s.referral.focalPoint,
          intake_route: s.referral.intakeRoute,
          required_documents: s.referral.requiredDocuments,
          expected_response_time: s.referral.expectedResponseTime,
        }),
      );
    }
    for (const typeId of s.typeIds)
      statements.push(insertRow('service_type_assignments', { service_id: s.id, service_type_id: typeId }));
    for (const sal of s.locations) {
      statements.push(
        insertRow('service_at_locations', {
          id: sal.id,
          service_id: s.id,
          location_id: sal.locationId,
          opening_hours: sal.openingHours,
          hours_note: sal.hoursNote,
        }),
      );
    }
    for (const pcode of s.areaPcodes)
      statements.push(insertRow('service_areas', { service_id: s.id, area_pcode: pcode }));
    for (const r of s.routes) {
      statements.push(
        insertRow('contact_routes', {
          id: r.id,
          service_id: s.id,
          kind: r.kind,
          value: r.value,
          visibility: r.visibility,
          labels: r.labels,
          languages: r.languages,
          opening_hours: r.openingHours,
          notes: r.notes,
          sort_order: r.sortOrder,
          ...verificationColumns(r.verification),
          created_at: s.createdAt,
          updated_at: r.verification.lastVerifiedAt ?? s.updatedAt,
        }),
      );
    }
    for (const c of s.closures) {
      statements.push(
        insertRow('closures', {
          id: c.id,
          service_id: c.serviceId,
          contact_route_id: c.contactRouteId,
          starts_at: c.startsAt,
          ends_at: c.endsAt,
          closes: c.closes,
          reason: c.reason,
          created_at: iso(Date.parse(c.startsAt) - 3 * DAY_MS),
          updated_at: iso(Date.parse(c.startsAt) - 3 * DAY_MS),
        }),
      );
    }
  }
  return statements;
}

// ---------------------------------------------------------------------------------------------
// Leak-test markers
// ---------------------------------------------------------------------------------------------

const MARKER_EPOCH = new Date('2026-01-01T00:00:00Z'); // markers do not depend on `now`

function collectPractitionerMarkers() {
  const markers = new Set([PRACTITIONER_ONLY]);
  for (const s of sampleDirectory(MARKER_EPOCH).services) {
    for (const r of s.routes) if (r.visibility === 'practitioner') markers.add(r.value);
    for (const text of Object.values(s.referral ?? {}).flatMap((localized) => Object.values(localized))) {
      for (const match of text.matchAll(/\+\d{10,}|[\w.+-]+@example\.org/g)) markers.add(match[0]);
    }
  }
  return Object.freeze([...markers]);
}

/**
 * Practitioner-only strings (C3) that must never appear in a public response: the word
 * PRACTITIONER-ONLY, practitioner route values and the focal points' numbers and intake emails.
 */
export const SAMPLE_MARKERS = collectPractitionerMarkers();

/**
 * The confidential shelter's stored address and coordinates (C9): never in a public response.
 * Coordinates are given as the strings JSON would print.
 */
export const CONFIDENTIAL_LOCATION_MARKERS = Object.freeze([
  'CONFIDENTIAL-ADDRESS-SAMPLE',
  String(SHELTER.lon),
  String(SHELTER.lat),
]);
