// The SAMPLE referral pathways (issue: referral pathways as data): Qayyarah's digital-extortion
// pathway, Ninewa's (which the rest of Ninewa inherits), Karbala's early-warning route, the
// Kurdistan Region's (online extortion, and online child sexual abuse) and Guatemala's cyber-violence
// route, with the "receives cases from" links between their services.
//
// Rules this file keeps (as sample-directory.mjs does):
// - Every pathway is marked sample (is_sample = 1) and unverified. Its source is a public
//   reference from research/pathways-sources.md, or none ("source not recorded yet") where the
//   research found none (Karbala): never an invented one.
// - Steps say only what those sources say; what reporting involves beyond them is left to "ask".
// - Practitioner-only step details contain PRACTITIONER-ONLY and a number from the 09xx block, so
//   the boundary tests can search public responses for PATHWAY_MARKERS.

import { sampleId } from './sample-directory.mjs';
import { insertRow } from './sql.mjs';

const DAY_MS = 86_400_000;
const PRACTITIONER_ONLY = 'PRACTITIONER-ONLY';

const pathwayId = (key) => sampleId(`pathway:${key}`);
const serviceRef = (key) => sampleId(`service:${key}`);

const SAMPLE = { ar: '(نموذج)', ckb: '(نموونە)', kmr: '(نموونە)', en: '(sample)', es: '(muestra)' };
const sample = (text) => Object.fromEntries(Object.entries(text).map(([l, v]) => [l, `${v} ${SAMPLE[l]}`]));

// ---- Steps shared by the Iraqi pathways ------------------------------------------------------

const HOTLINE_STEP = {
  kind: 'talk_to_someone',
  types: ['hotline'],
  title: { ar: 'تحدث إلى أحد الآن', ckb: 'ئێستا قسە لەگەڵ کەسێک بکە', en: 'Talk to someone now' },
  whatHappens: {
    ar: 'يمكنك الاتصال بخط ساخن دون ذكر اسمك. يستمع إليك شخص ويشرح ما يمكن فعله.',
    ckb: 'دەتوانیت بەبێ وتنی ناوت پەیوەندی بە هێڵێکی گەرمەوە بکەیت. کەسێک گوێت لێ دەگرێت و ڕوون دەکاتەوە چی دەکرێت.',
    en: 'You can call a hotline without giving your name. Someone listens and explains what you can do.',
  },
  choices: [{ code: 'anonymous' }],
  whatNext: {
    ar: 'إذا أردت الإبلاغ، فالخطوات التالية تشرح كيف.',
    ckb: 'ئەگەر بتەوێت سکاڵا بکەیت، هەنگاوەکانی داهاتوو ڕوونی دەکەنەوە چۆن.',
    en: 'If you want to report, the next steps explain how.',
  },
};

// What to capture: NCMEC, Salamat (SecDev) and official Spanish guidance agree on it.
const EVIDENCE_STEP = {
  kind: 'keep_evidence',
  types: ['digital_security'],
  title: { ar: 'احتفظ بالأدلة', ckb: 'بەڵگەکان هەڵبگرە', en: 'Keep the evidence' },
  whatHappens: {
    ar: 'لا تدفع ولا ترسل شيئاً آخر. لا تحذف الرسائل ولا الحساب: إنها أدلة. يمكنك حظر الشخص بعد حفظها.',
    ckb: 'پارە مەدە و هیچی تر مەنێرە. نامەکان و هەژمارەکە مەسڕەوە: بەڵگەن. دوای هەڵگرتنیان دەتوانیت کەسەکە بلۆک بکەیت.',
    en:
      'Do not pay and do not send anything more. Do not delete the messages or the account: they are evidence. ' +
      'You can block the person once you have saved them.',
  },
  whatToBring: {
    ar:
      'صور شاشة لاسم الحساب ورابطه، والرسائل والتهديدات، والتواريخ والأوقات، وروابط ما نُشر. ' +
      'لا تحتفظ بالصور الخاصة نفسها ولا تُعِد إرسالها.',
    ckb:
      'وێنەی شاشە لە ناو و بەستەری هەژمارەکە، نامە و هەڕەشەکان، بەروار و کاتەکان، و بەستەری ئەوەی بڵاوکراوەتەوە. ' +
      'وێنە تایبەتییەکان خۆیان هەڵمەگرە و مەینێرەوە.',
    en:
      'Screenshots of the account name and link, the messages and threats, dates and times, and links to anything ' +
      'posted. Do not keep or forward the intimate pictures themselves.',
  },
  whatNext: {
    ar: 'خذ هذه الأدلة معك عند الإبلاغ أو إلى المنظمة التي ترافقك.',
    ckb: 'ئەم بەڵگانە لەگەڵ خۆت ببە کاتی سکاڵا یان بۆ ئەو ڕێکخراوەی لەگەڵت دێت.',
    en: 'Take this evidence with you when you report, or to the organisation that goes with you.',
  },
};

const RECOVERY_STEP = {
  kind: 'recovery',
  types: ['mhpss', 'safe_space'],
  title: { ar: 'الدعم النفسي', ckb: 'پاڵپشتیی دەروونی', en: 'Psychosocial support' },
  whatHappens: {
    ar: 'شخص تتحدث معه عن شعورك، بالسرعة التي تناسبك.',
    ckb: 'کەسێک کە لەگەڵی قسە دەکەیت لەسەر هەستەکانت، بەو خێراییەی بۆت گونجاوە.',
    en: 'Someone to talk with about how you feel, at your own pace.',
  },
};

// The Community Police's numbers and female officers: 964 Media (Al-Sabah interview, 2023-10-09);
// what they do after a report: Ministry of Interior statements (Al-Masra; Arab Khabar, 2024-01-21).
const REPORT_STEP_IRAQ = {
  kind: 'report',
  types: ['community_police', 'national_security'],
  title: {
    ar: 'الإبلاغ لدى الشرطة المجتمعية أو الأمن الوطني',
    en: 'Report to the Community Police or the National Security Service',
  },
  whatHappens: {
    ar:
      'يمكنك الإبلاغ لدى الشرطة المجتمعية (٤٩٧ أو ٥٣٣) أو جهاز الأمن الوطني (١٣١)، حضورياً أو بالهاتف، ' +
      'ويمكنك الإبلاغ دون ذكر اسمك.',
    en:
      'You can report to the Community Police (497 or 533) or the National Security Service (131), in person or ' +
      'by phone, and you can report without giving your name.',
  },
  whatToBring: {
    ar: 'الأدلة التي احتفظت بها.',
    en: 'The evidence you kept.',
  },
  choices: [
    { code: 'anonymous', note: { ar: 'بالهاتف، دون ذكر اسمك.', en: 'By phone, without giving your name.' } },
    {
      code: 'female_officer',
      note: {
        ar: 'تقول وزارة الداخلية إن ضابطات يتولّين الحالات التي تكون فيها الضحية امرأة.',
        en: 'The Ministry of Interior says female officers handle cases where the victim is a woman.',
      },
    },
    { code: 'someone_with_you' },
  ],
  whatNext: {
    ar:
      'بحسب وزارة الداخلية، تعمل الشرطة المجتمعية على إيقاف الابتزاز وحذف المحتوى وتأمين حساباتك. ' +
      'اسأل عمّا سيحدث بعد ذلك، وهل سيُبلَّغ أحد من عائلتك.',
    en:
      'According to the Ministry of Interior, the Community Police work to stop the extortion, have the content ' +
      'deleted and secure your accounts. Ask what will happen next, and whether anyone in your family will be told.',
  },
  referral: {
    focalPoint: { en: `${PRACTITIONER_ONLY}: Community Police liaison for partner referrals (sample), +9647700000991` },
    intakeRoute: { en: `${PRACTITIONER_ONLY}: referral form sent by the partner's case manager (sample).` },
  },
};

// ---- The pathways ----------------------------------------------------------------------------

const NINEWA_SOURCE = {
  description: 'GBV sub-cluster service-mapping sheet, Ninewa (sample data)',
  url: 'https://example.org/sample/service-mapping/ninewa',
  daysAgo: 20,
};

const authored = [
  {
    key: 'qayyarah-digital-extortion',
    area: 'IQG15Q05N01',
    concern: 'digital_extortion',
    names: sample({
      ar: 'الابتزاز الإلكتروني في القيارة: ماذا يمكنني أن أفعل؟',
      en: 'Online extortion in Qayyarah: what can I do?',
    }),
    intro: {
      ar: 'خطوة بخطوة: من تتصل به، وكيف تبلّغ، ومن يمكن أن يرافقك. القرار في كل خطوة لك.',
      en: 'Step by step: who to call, how to report, and who can go with you. At every step, the decision is yours.',
    },
    // Nonviolent Peaceforce's South Mosul work (read in part: see the research's gaps).
    source: {
      description: 'Nonviolent Peaceforce, "Who to turn to?" (South Mosul)',
      url: 'https://nonviolentpeaceforce.org/who-to-turn-to-reporting-addressing-and-preventing-digital-extortion-of-women-and-girls-in-south-mosul/',
      date: '2023-04-01',
    },
    steps: [
      {
        ...HOTLINE_STEP,
        types: ['hotline', 'community_protection'],
        whatHappens: {
          ar: `${HOTLINE_STEP.whatHappens.ar} في القيارة، يستقبل فريق السلام المجتمعي الحالات أيضاً.`,
          en: `${HOTLINE_STEP.whatHappens.en} In Qayyarah, the Community Peace Team also receives cases.`,
        },
      },
      EVIDENCE_STEP,
      REPORT_STEP_IRAQ,
      {
        kind: 'talk_to_someone',
        types: ['accompaniment'],
        title: { ar: 'اطلب من منظمة أن ترافقك', en: 'Ask an organisation to go with you' },
        whatHappens: {
          ar:
            'يمكن لمنظمة أن ترافقك للإبلاغ، أو أن تستضيف اللقاء مع الشرطة في مكتبها فلا تحتاج إلى الذهاب إليهم، ' +
            'أو أن تنقل حالتك دون ذكر اسمك.',
          en:
            'An organisation can go with you to report, or host the meeting with the police at its office so you ' +
            'need not go to them, or pass your case on without your name.',
        },
        choices: [
          { code: 'someone_with_you' },
          {
            code: 'passed_on_without_name',
            note: {
              ar: 'تنقل المنظمة ما حدث دون اسمك.',
              en: 'The organisation passes on what happened without your name.',
            },
          },
        ],
        whatNext: {
          ar: 'أنت من يقرر هل تبلّغ وكيف.',
          en: 'You decide whether and how to report.',
        },
        referral: {
          focalPoint: { en: `${PRACTITIONER_ONLY}: accompaniment coordinator, Qayyarah (sample), +9647700000992` },
          intakeRoute: { en: `${PRACTITIONER_ONLY}: call the coordinator before bringing the person (sample).` },
        },
      },
      RECOVERY_STEP,
    ],
  },
  {
    key: 'ninewa-digital-extortion',
    area: 'IQG15',
    concern: 'digital_extortion',
    names: sample({
      ar: 'الابتزاز الإلكتروني في نينوى: ماذا يمكنني أن أفعل؟',
      en: 'Online extortion in Ninewa: what can I do?',
    }),
    intro: {
      ar: 'خطوة بخطوة: من تتصل به وكيف تبلّغ. القرار في كل خطوة لك.',
      en: 'Step by step: who to call and how to report. At every step, the decision is yours.',
    },
    source: NINEWA_SOURCE,
    steps: [
      HOTLINE_STEP,
      EVIDENCE_STEP,
      { ...REPORT_STEP_IRAQ, types: ['community_police', 'national_security', 'early_warning_unit'] },
      {
        kind: 'legal_help',
        types: ['legal_aid'],
        title: { ar: 'المساعدة القانونية', en: 'Legal help' },
        whatHappens: {
          ar: 'يشرح لك محامٍ خياراتك القانونية. لا تُرفع دعوى دون موافقتك.',
          en: 'A lawyer explains your legal options. No case is filed without your consent.',
        },
      },
      RECOVERY_STEP,
    ],
  },
  {
    key: 'karbala-digital-extortion',
    area: 'IQG12',
    concern: 'digital_extortion',
    names: sample({
      ar: 'الابتزاز الإلكتروني في كربلاء: ماذا يمكنني أن أفعل؟',
      en: 'Online extortion in Karbala: what can I do?',
    }),
    intro: {
      ar: 'في كل قضاء وناحية من كربلاء وحدة إنذار مبكر تستقبل حالات الابتزاز الإلكتروني.',
      en: 'In every district and subdistrict of Karbala, an early-warning unit receives cases of electronic extortion.',
    },
    // No public source was found for the Karbala chain (research gaps): none is recorded.
    source: null,
    steps: [
      {
        kind: 'report',
        types: ['early_warning_unit', 'hotline'],
        title: { ar: 'تواصل مع وحدة الإنذار المبكر', en: 'Contact the early-warning unit' },
        whatHappens: {
          ar: 'تستقبل وحدة الإنذار المبكر في منطقتك الحالة وتحافظ على خصوصيتك.',
          en: 'The early-warning unit in your area receives the case and keeps your privacy.',
        },
        whatNext: {
          ar: 'تنقل الوحدة الحالة إلى قسم التقنيات والمعلوماتية.',
          en: 'The unit passes the case to the Technologies and Informatics Department.',
        },
        referral: {
          focalPoint: {
            en: `${PRACTITIONER_ONLY}: early-warning network coordinator, Karbala (sample), +9647700000993`,
          },
          intakeRoute: {
            en: `${PRACTITIONER_ONLY}: cases are logged by the unit on the shared intake sheet (sample).`,
          },
        },
      },
      EVIDENCE_STEP,
      {
        kind: 'investigation',
        types: ['cybercrime_unit'],
        services: ['karbala-technologies-informatics'],
        title: { ar: 'التحقيق', en: 'Investigation' },
        whatHappens: {
          ar: 'يتابع قسم التقنيات والمعلوماتية الحالة، وتتصرف مديرية الجرائم الإلكترونية في الشرطة بناءً عليها.',
          en:
            'The Technologies and Informatics Department follows the case ' +
            'up, and the police’s Electronic Crime Department acts on it.',
        },
        whatNext: { ar: 'اسأل عمّا سيحدث بعد ذلك.', en: 'Ask what will happen next.' },
      },
      {
        kind: 'legal_help',
        types: ['legal_volunteers', 'legal_aid'],
        title: { ar: 'المساعدة القانونية', en: 'Legal help' },
        whatHappens: {
          ar: 'محاميات متطوعات يقدّمن المشورة القانونية دون مقابل.',
          en: 'Volunteer women lawyers give legal advice free of charge.',
        },
      },
      RECOVERY_STEP,
    ],
  },
  // The Kurdistan Region: one pathway for the whole region, which its governorates, districts and
  // subdistricts inherit.
  {
    key: 'kri-digital-extortion',
    area: 'IQ-KR',
    concern: 'digital_extortion',
    names: sample({
      ar: 'الابتزاز الإلكتروني في إقليم كوردستان: ماذا يمكنني أن أفعل؟',
      ckb: 'هەڕەشەی ئەلیکترۆنی لە هەرێمی کوردستان: چی بکەم؟',
      en: 'Online extortion in the Kurdistan Region: what can I do?',
    }),
    intro: {
      ar: 'الخط الساخن ١١٩ يعمل على مدار ٢٤ ساعة في إقليم كوردستان.',
      ckb: 'هێڵی گەرمی ١١٩ لە هەرێمی کوردستان ٢٤ کاتژمێر کار دەکات.',
      en: 'The 119 helpline answers 24 hours a day in the Kurdistan Region.',
    },
    // 119: UNFPA's launch statement (2018), reprinted by Iraq Business News.
    source: {
      description: 'Iraq Business News, reprinting the UNFPA statement on the 119 helpline',
      url: 'http://www.iraq-businessnews.com/2018/10/03/new-helpline-for-gbv-survivors/',
      date: '2018-10-03',
    },
    steps: [
      {
        ...HOTLINE_STEP,
        whatHappens: {
          ar: 'يمكنك الاتصال بالرقم ١١٩ في أي ساعة. يجيب باحثون اجتماعيون ومستشارون قانونيون ونفسيون، نساء ورجال.',
          ckb:
            'دەتوانیت لە هەر کاتێکدا پەیوەندی بە ١١٩ بکەیت. توێژەری کۆمەڵایەتی و ڕاوێژکاری یاسایی و دەروونی، ' +
            'ژن و پیاو، وەڵام دەدەنەوە.',
          en:
            'You can call 119 at any hour. Trained social workers and ' +
            'legal and psychosocial counsellors, women and men, answer.',
        },
      },
      EVIDENCE_STEP,
      {
        kind: 'report',
        types: ['police'],
        services: ['kri-helpline-119'],
        title: { ar: 'الإبلاغ', ckb: 'سکاڵا', en: 'Report' },
        whatHappens: {
          ar: 'تستقبل مديرية مناهضة العنف ضد المرأة والأسرة الشكاوى وتعمل مع الشرطة والمحاكم.',
          ckb:
            'بەڕێوەبەرایەتیی بەرەنگاربوونەوەی توندوتیژی دژی ئافرەتان و ' +
            'خێزان سکاڵا وەردەگرێت و لەگەڵ پۆلیس و دادگاکان کار دەکات.',
          en:
            'The Directorate of Combating Violence Against Women and Family ' +
            'takes complaints and works with the police and courts.',
        },
        whatNext: {
          ar: 'اسأل عمّا سيحدث بعد ذلك، وهل سيُبلَّغ أحد من عائلتك.',
          ckb: 'بپرسە دواتر چی ڕوودەدات، و ئایا کەسێک لە خێزانەکەت ئاگادار دەکرێتەوە.',
          en: 'Ask what will happen next, and whether anyone in your family will be told.',
        },
        referral: {
          focalPoint: { en: `${PRACTITIONER_ONLY}: directorate branch duty officer (sample), +9647500000994` },
          intakeRoute: { en: `${PRACTITIONER_ONLY}: warm transfer through 119, then the branch (sample).` },
        },
      },
      // Panawar: KirkukNow (2025-11); SEED: its own page on online violence.
      {
        kind: 'legal_help',
        types: ['legal_aid'],
        services: ['kri-panawar', 'kri-seed-online-violence'],
        title: { ar: 'المساعدة القانونية', ckb: 'هاوکاریی یاسایی', kmr: 'هاریکاریا یاسایی', en: 'Legal help' },
        whatHappens: {
          ar:
            'في مبادرة بناور، يتولّى محامون متطوعون قضايا النساء اللواتي يواجهن العنف الأسري أو العنف عبر الإنترنت ' +
            'دون مقابل. وتقدّم مؤسسة سيد خدمات قانونية لمن تعرّضوا للعنف عبر الإنترنت.',
          ckb:
            'لە دەستپێشخەریی پەناوەر، پارێزەری خۆبەخش بێبەرامبەر دۆسیەی ئەو ئافرەتانە وەردەگرن کە ڕووبەڕووی ' +
            'توندوتیژیی خێزانی یان ئۆنلاین دەبنەوە. دەزگای سید خزمەتگوزاریی یاسایی پێشکەش بە ڕزگاربووانی ' +
            'توندوتیژیی ئۆنلاین دەکات.',
          kmr:
            'د دەستپێشخەریا پەناوەر دا، پارێزەرێن خۆبەخش بێ بەرامبەر دۆسیێن وان ئافرەتان وەردگرن یێن ڕووبەڕوویێ ' +
            'توندوتیژیا خێزانی یان ئۆنلاین دبن. دەزگەهێ سید خزمەتگوزاریێن یاسایی پێشکێشی رزگاربوویێن ' +
            'توندوتیژیا ئۆنلاین دکەت.',
          en:
            'Through Panawar, volunteer lawyers take the cases of women facing domestic or online violence free of ' +
            'charge. SEED Foundation gives legal services to survivors of online violence.',
        },
        whatNext: {
          ar: 'بحسب اتحاد نساء كوردستان، ينقل محامو بناور الحالات إلى مديرية مناهضة العنف ضد المرأة والأسرة.',
          ckb:
            'بەپێی یەکێتیی ئافرەتانی کوردستان، پارێزەرەکانی پەناوەر دۆسیەکان ڕەوانەی بەڕێوەبەرایەتیی ' +
            'بەرەنگاربوونەوەی توندوتیژی دژی ئافرەتان و خێزان دەکەن.',
          kmr:
            'ل دویف ئێکەتیا ئافرەتێن کوردستانێ، پارێزەرێن پەناوەر دۆسیان رەوانەی رێڤەبەرییا بەرهنگاربوونا ' +
            'توندوتیژیێ دژی ئافرەتان و خێزانێ دکەن.',
          en:
            'According to the Kurdistan Women’s Union, Panawar’s lawyers pass cases on to the Directorate of ' +
            'Combating Violence Against Women and Family.',
        },
      },
      {
        ...RECOVERY_STEP,
        types: ['mhpss', 'cash_assistance'],
        services: ['kri-seed-online-violence'],
        title: { ...RECOVERY_STEP.title, kmr: 'پشتەڤانیا دەروونی' },
        whatHappens: {
          ar:
            `${RECOVERY_STEP.whatHappens.ar} تقدّم مؤسسة سيد دعماً للصحة ` +
            'النفسية ومساعدات نقدية لمن تعرّضوا للعنف عبر الإنترنت.',
          ckb:
            `${RECOVERY_STEP.whatHappens.ckb} دەزگای سید پاڵپشتیی تەندروستیی دەروونی و هاوکاریی پارەیی ` +
            'پێشکەش بە ڕزگاربووانی توندوتیژیی ئۆنلاین دەکات.',
          kmr:
            'کەسەک کو تو دگەل دئاخڤی ل سەر هەستێن خۆ، ب وێ لەزێ یا بۆ تە گونجای. دەزگەهێ سید پشتەڤانیا ساخلەمیا ' +
            'دەروونی و هاریکاریا دراڤی پێشکێشی رزگاربوویێن توندوتیژیا ئۆنلاین دکەت.',
          en:
            `${RECOVERY_STEP.whatHappens.en} SEED Foundation gives mental-health support and cash assistance to ` +
            'survivors of online violence.',
        },
      },
    ],
  },
  // Online child sexual abuse in the Kurdistan Region. SEED says it supports setting up a response
  // mechanism for it; no source says the mechanism is running or how to reach it, so no step may
  // send anyone to it. 119 is named because it is the region's 24-hour helpline that gives referrals
  // (UNFPA's launch statement) and hears many calls about threats to publish photos (Rudaw, 2021).
  {
    key: 'kri-online-child-sexual-abuse',
    area: 'IQ-KR',
    concern: 'online_child_sexual_abuse',
    names: sample({
      ar: 'الاستغلال والاعتداء الجنسي على الأطفال عبر الإنترنت في إقليم كوردستان: ماذا يمكنني أن أفعل؟',
      ckb: 'بەهرەبەرداری و دەستدرێژیی سێکسی بۆ سەر منداڵان لە ئۆنلاین لە هەرێمی کوردستان: چی بکەم؟',
      kmr: 'بکارئینان و دەستدرێژیا سێکسی ل سەر زارۆکان ل ئۆنلاین ل هەرێما کوردستانێ: ئەز چ بکەم؟',
      en: 'Online child sexual exploitation and abuse in the Kurdistan Region: what can I do?',
    }),
    intro: {
      ar: 'الخط الساخن ١١٩ يعمل على مدار ٢٤ ساعة في إقليم كوردستان.',
      ckb: 'هێڵی گەرمی ١١٩ لە هەرێمی کوردستان ٢٤ کاتژمێر کار دەکات.',
      kmr: 'هێلا گەرم یا ١١٩ ل هەرێما کوردستانێ ٢٤ دەمژمێران کار دکەت.',
      en: 'The 119 helpline answers 24 hours a day in the Kurdistan Region.',
    },
    source: {
      description: 'SEED Foundation',
      url: 'https://beta.seedkurdistan.org/online-violence',
      date: null,
    },
    steps: [
      {
        kind: 'talk_to_someone',
        services: ['kri-helpline-119'],
        title: { ar: 'اتصل بالرقم ١١٩', ckb: 'پەیوەندی بە ١١٩ بکە', kmr: 'پەیوەندیێ ب ١١٩ بکە', en: 'Call 119' },
        whatHappens: {
          ar:
            'يمكنك الاتصال بالرقم ١١٩ في أي ساعة. إنه خط سري يقدّم المشورة والنصح والإحالة، ' +
            'وكثير من الاتصالات التي يتلقاها تتعلق بالتهديد بنشر صور شخصية.',
          ckb:
            'دەتوانیت لە هەر کاتێکدا پەیوەندی بە ١١٩ بکەیت. هێڵێکی نهێنییە کە ڕاوێژ و ئامۆژگاری و ڕەوانەکردن ' +
            'پێشکەش دەکات، و زۆرێک لەو پەیوەندییانەی وەریدەگرێت دەربارەی هەڕەشەی بڵاوکردنەوەی وێنەی تایبەتن.',
          kmr:
            'تو دشێی د هەر دەمەکی دا پەیوەندیێ ب ١١٩ بکەی. هێلەکا نهێنی یە کو شێورەت و ئامۆژگاری و رەوانەکرنێ ' +
            'پێشکێش دکەت، و گەلەک ژ وان پەیوەندیێن وەردگریت ل دۆر گەفا بەلاڤکرنا وێنێن تایبەت نە.',
          en:
            'You can call 119 at any hour. It is a confidential helpline that gives counselling, advice and ' +
            'referrals, and many of the calls it receives are about threats to publish personal photos.',
        },
        whatNext: {
          ar: 'اسأل عمّا سيحدث بعد ذلك، وهل سيُبلَّغ أحد من العائلة.',
          ckb: 'بپرسە دواتر چی ڕوودەدات، و ئایا کەسێک لە خێزانەکە ئاگادار دەکرێتەوە.',
          kmr: 'بپرسە کا پاشی دێ چ قەومیت، و ئەرێ دێ کەسەک ژ خێزانێ ئاگەهدار بیت.',
          en: 'Ask what will happen next, and whether anyone in the family will be told.',
        },
      },
      EVIDENCE_STEP,
      {
        kind: 'report',
        services: ['kri-helpline-119'],
        types: ['child_protection'],
        title: {
          ar: 'آلية مخصصة قيد الإنشاء',
          ckb: 'میکانیزمێکی تایبەت لە قۆناغی دامەزراندندایە',
          kmr: 'میکانیزمەکا تایبەت د قوناغا دامەزراندنێ دایە',
          en: 'A dedicated response is being set up',
        },
        whatHappens: {
          ar:
            'تقول مؤسسة سيد إنها تدعم إنشاء آلية للاستجابة للاستغلال والاعتداء الجنسي على الأطفال عبر الإنترنت ' +
            'في إقليم كوردستان. لم نجد بعدُ ما يدل على أنها تعمل، ولا رقماً للتواصل معها. ' +
            'إلى ذلك الحين، اتصل بالرقم ١١٩.',
          ckb:
            'دەزگای سید دەڵێت پاڵپشتیی دامەزراندنی میکانیزمێک دەکات بۆ وەڵامدانەوەی بەهرەبەرداری و دەستدرێژیی ' +
            'سێکسی بۆ سەر منداڵان لە ئۆنلاین لە هەرێمی کوردستان. هێشتا هیچ شتێکمان نەدۆزیوەتەوە کە نیشانی بدات ' +
            'کار دەکات، و هیچ ژمارەیەکیش بۆ پەیوەندی. تا ئەو کاتە، پەیوەندی بە ١١٩ بکە.',
          kmr:
            'دەزگەهێ سید دبێژیت ئەو پشتەڤانیا دامەزراندنا میکانیزمەکێ دکەت بۆ بەرسڤدانا بکارئینان و دەستدرێژیا ' +
            'سێکسی ل سەر زارۆکان ل ئۆنلاین ل هەرێما کوردستانێ. هێشتا مە چو تشت نەدیتیە کو نیشان بدەت ئەو کار ' +
            'دکەت، و چو ژمارە ژی بۆ پەیوەندیێ. هەتا وی دەمی، پەیوەندیێ ب ١١٩ بکە.',
          en:
            'SEED Foundation says it supports setting up a mechanism to respond to online child sexual exploitation ' +
            'and abuse in the Kurdistan Region. We have found nothing yet showing that it is running, and no number ' +
            'to reach it. Until then, call 119.',
        },
        whatToBring: {
          ar: 'الأدلة التي احتفظت بها، دون الصور نفسها.',
          ckb: 'ئەو بەڵگانەی هەڵتگرتوون، بەبێ وێنەکان خۆیان.',
          kmr: 'ئەو بەلگەیێن تە هەلگرتین، بێ وێنە ب خۆ.',
          en: 'The evidence you kept, without the pictures themselves.',
        },
      },
    ],
  },
  {
    key: 'guatemala-digital-extortion',
    area: 'GT',
    concern: 'digital_extortion',
    names: sample({
      es: 'Violencia digital en Guatemala: ¿qué puedo hacer?',
      en: 'Online violence in Guatemala: what can I do?',
    }),
    intro: {
      es:
        'La ruta para denunciar: Ministerio Público, INACIF y la unidad ' +
        'de ciberdelitos de la PNC. Tú decides en cada paso.',
      en: 'The route to report: the Public Prosecutor, INACIF and the PNC’s cybercrime unit. You decide at every step.',
    },
    // The MP's integrated care model (MAI), with INACIF and the PNC on site: Diario de Centro América.
    source: {
      description: 'Diario de Centro América',
      url: 'https://dca.gob.gt/index.php/2023/03/14/abren-modelos-de-atencion-integral',
      date: '2023-03-14',
    },
    steps: [
      {
        kind: 'talk_to_someone',
        types: ['hotline'],
        services: ['gt-dmm-GT0101', 'gt-dmm-GT1601', 'gt-dmm-GT0401'],
        title: { es: 'Habla con alguien', en: 'Talk to someone' },
        whatHappens: {
          es: 'La Dirección Municipal de la Mujer de tu municipio te escucha y te deriva.',
          en: 'Your municipality’s Women’s Directorate listens to you and refers you on.',
        },
      },
      {
        kind: 'keep_evidence',
        types: ['digital_security'],
        title: { es: 'Guarda las pruebas', en: 'Keep the evidence' },
        whatHappens: {
          es: 'No pagues y no envíes nada más. No borres fotos, chats ni correos: son pruebas.',
          en: 'Do not pay and do not send anything more. Do not delete photos, chats or emails: they are evidence.',
        },
        whatToBring: {
          es: 'Capturas del perfil y su enlace, los mensajes y amenazas, fechas y horas, y enlaces a lo publicado.',
          en:
            'Screenshots of the profile and its link, the messages and ' +
            'threats, dates and times, and links to what was posted.',
        },
      },
      {
        kind: 'report',
        services: ['gt-ministerio-publico-1572'],
        title: {
          es: 'Presenta la denuncia en el Ministerio Público',
          en: 'Make a complaint at the Public Prosecutor’s Office',
        },
        whatHappens: {
          es: 'Presentas una denuncia en el Ministerio Público, en persona, por teléfono (1572) o en línea.',
          en:
            'You make a complaint (denuncia) at the Public Prosecutor’s ' +
            'Office, in person, by phone (1572) or online.',
        },
        whatToBring: { es: 'Las pruebas que guardaste.', en: 'The evidence you kept.' },
        choices: [{ code: 'someone_with_you' }],
        whatNext: {
          es: 'Una denuncia puede iniciar una investigación aunque después no quieras seguir. Pregunta qué pasará.',
          en: 'A complaint may start an investigation even if you later do not want one. Ask what will happen.',
        },
        referral: {
          focalPoint: { es: `${PRACTITIONER_ONLY}: enlace de la red de derivación (muestra), +50200000995` },
          intakeRoute: { es: `${PRACTITIONER_ONLY}: ficha de derivación de la red local (muestra).` },
        },
      },
      {
        kind: 'forensic_examination',
        types: ['forensic_medicine'],
        title: { es: 'Examen forense (INACIF)', en: 'Forensic examination (INACIF)' },
        whatHappens: {
          es: 'Si el Ministerio Público lo pide, INACIF hace un examen forense.',
          en: 'If the Public Prosecutor asks for it, INACIF carries out a forensic examination.',
        },
      },
      {
        kind: 'investigation',
        services: ['gt-pnc-ciberdelitos'],
        title: { es: 'Investigación (PNC, ciberdelitos)', en: 'Investigation (PNC cybercrime unit)' },
        whatHappens: {
          es:
            'El Departamento de Investigación de Ciberdelitos de ' +
            'la PNC investiga la violación a la intimidad sexual.',
          en: 'The PNC’s Cybercrime Investigation Department investigates violations of sexual privacy.',
        },
      },
      {
        kind: 'recovery',
        types: ['mhpss', 'legal_aid'],
        title: { es: 'Apoyo psicológico y legal', en: 'Counselling and legal help' },
        whatHappens: {
          es: 'Alguien con quien hablar de cómo te sientes, a tu ritmo, y asesoría legal.',
          en: 'Someone to talk with about how you feel, at your own pace, and legal advice.',
        },
      },
    ],
  },
];

/** "Receives cases from": `from` passes its cases on to `to`. */
const links = [
  ...['IQG12Q01N01', 'IQG12Q02N01', 'IQG12Q02N02', 'IQG12Q03N01', 'IQG12Q03N02'].map((pcode) => ({
    from: `karbala-early-warning-${pcode}`,
    to: 'karbala-technologies-informatics',
    note: {
      ar: 'تنقل حالات الابتزاز الإلكتروني مع الحفاظ على خصوصية الشخص.',
      en: 'Passes on electronic-extortion cases, keeping the person’s privacy.',
    },
  })),
  {
    from: 'sanad-qayyarah-accompaniment',
    to: 'iq-community-police',
    note: {
      ar: 'تنقل الحالة دون اسم الشخص عندما يطلب ذلك.',
      en: 'Passes the case on without the person’s name when asked to.',
    },
  },
  // KirkukNow (2025-11): Panawar's volunteer lawyers forward cases to the directorate that runs 119.
  {
    from: 'kri-panawar',
    to: 'kri-helpline-119',
    note: {
      ar: 'ينقل المحامون المتطوعون الحالات إلى مديرية مناهضة العنف ضد المرأة والأسرة.',
      ckb:
        'پارێزەرە خۆبەخشەکان دۆسیەکان ڕەوانەی بەڕێوەبەرایەتیی ' +
        'بەرەنگاربوونەوەی توندوتیژی دژی ئافرەتان و خێزان دەکەن.',
      kmr: 'پارێزەرێن خۆبەخش دۆسیان رەوانەی رێڤەبەرییا بەرهنگاربوونا توندوتیژیێ دژی ئافرەتان و خێزانێ دکەن.',
      en: 'Volunteer lawyers pass cases on to the Directorate of Combating Violence Against Women and Family.',
    },
  },
  ...['GT0101', 'GT1601', 'GT0401'].map((pcode) => ({
    from: `gt-dmm-${pcode}`,
    to: 'gt-ministerio-publico-1572',
    note: { es: 'Deriva casos para presentar la denuncia.', en: 'Refers cases for a complaint (denuncia).' },
  })),
];

const iso = (ms) => new Date(ms).toISOString();

/** The sample pathways as plain objects with ids (tests read them; the seed writes them). */
export function samplePathways(now = new Date()) {
  const t = now.getTime();
  return authored.map((p) => ({
    id: pathwayId(p.key),
    key: p.key,
    areaPcode: p.area,
    concernId: p.concern,
    names: p.names,
    intro: p.intro ?? {},
    source: p.source
      ? {
          description: p.source.description,
          url: p.source.url,
          date: p.source.daysAgo === undefined ? p.source.date : iso(t - p.source.daysAgo * DAY_MS).slice(0, 10),
        }
      : { description: null, url: null, date: null },
    steps: p.steps.map((s, i) => ({
      id: sampleId(`pathway-step:${p.key}:${i + 1}`),
      position: i + 1,
      kind: s.kind,
      title: s.title ?? {},
      whatHappens: s.whatHappens ?? {},
      whatToBring: s.whatToBring ?? {},
      choices: (s.choices ?? []).map((c) => (c.note ? c : { code: c.code })),
      whatNext: s.whatNext ?? {},
      types: s.types ?? [],
      services: (s.services ?? []).map(serviceRef),
      referral: s.referral ?? null,
    })),
  }));
}

/** The sample "receives cases from" links, with service ids. */
export function sampleReferralLinks() {
  return links.map((l) => ({ fromServiceId: serviceRef(l.from), toServiceId: serviceRef(l.to), note: l.note }));
}

/** INSERT statements for the pathways and links; needs the concerns, service types and sample services first. */
export function samplePathwayStatements(now) {
  const t = now.getTime();
  const statements = [];
  for (const p of samplePathways(now)) {
    statements.push(
      insertRow('pathways', {
        id: p.id,
        area_pcode: p.areaPcode,
        concern_id: p.concernId,
        status: 'published',
        names: p.names,
        intro: p.intro,
        is_sample: true,
        source_description: p.source.description,
        source_url: p.source.url,
        source_date: p.source.date,
        verification_status: 'unverified',
        verification_note: 'Sample pathway: every step to be checked with the bodies named before it is verified.',
        created_at: iso(t - 60 * DAY_MS),
        updated_at: iso(t - 10 * DAY_MS),
      }),
    );
    for (const s of p.steps) {
      statements.push(
        insertRow('pathway_steps', {
          id: s.id,
          pathway_id: p.id,
          position: s.position,
          kind: s.kind,
          title: s.title,
          what_happens: s.whatHappens,
          what_to_bring: s.whatToBring,
          choices: s.choices,
          what_next: s.whatNext,
        }),
      );
      const targets = [
        ...s.services.map((serviceId) => ({ service_id: serviceId, service_type_id: null })),
        ...s.types.map((typeId) => ({ service_id: null, service_type_id: typeId })),
      ];
      targets.forEach((target, i) =>
        statements.push(
          insertRow('pathway_step_services', {
            id: sampleId(`pathway-step-service:${s.id}:${i}`),
            step_id: s.id,
            ...target,
            sort_order: i,
          }),
        ),
      );
      if (s.referral) {
        statements.push(
          insertRow('pathway_step_referral_details', {
            step_id: s.id,
            focal_point: s.referral.focalPoint,
            intake_route: s.referral.intakeRoute,
          }),
        );
      }
    }
  }
  for (const l of sampleReferralLinks()) {
    statements.push(
      insertRow('service_referral_links', {
        from_service_id: l.fromServiceId,
        to_service_id: l.toServiceId,
        note: l.note,
      }),
    );
  }
  return statements;
}

/**
 * Practitioner-only strings of the pathways' steps that must never appear in a public response:
 * the word PRACTITIONER-ONLY and the focal points' numbers.
 */
export const PATHWAY_MARKERS = Object.freeze([
  ...new Set(
    samplePathways(new Date('2026-01-01T00:00:00Z')).flatMap((p) =>
      p.steps.flatMap((s) =>
        Object.values(s.referral ?? {})
          .flatMap((text) => Object.values(text))
          .flatMap((text) => [PRACTITIONER_ONLY, ...(text.match(/\+\d{10,}/g) ?? [])]),
      ),
    ),
  ),
]);
