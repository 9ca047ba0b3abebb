// The service taxonomy (table `service_types`, HSDS taxonomy_term). Ids are stable slugs: API
// filters, the sample directory and partner apps refer to them, so never rename one.
//
// Cycles (M1): hotlines are re-verified every 30 days, everything else every 90. Priority channels
// (S12): hotlines and the official reporting channels under `police` are listed first for an area.
//
// Kurdish names: Sorani (`ckb`) and Badini (`kmr`) are both written in Arabic script. The Badini
// strings are best-effort (Kurmanji forms given in comments) and should be reviewed by a Badini
// speaker, like the hand-supplied area names in areas.mjs.

import { insertRow } from './sql.mjs';

export const serviceTypes = [
  {
    id: 'hotline',
    parentId: null,
    names: {
      ar: 'خط ساخن',
      ckb: 'هێڵی گەرم',
      kmr: 'هێلا گەرم', // hêla germ
      en: 'Hotline',
      es: 'Línea de ayuda',
    },
    descriptions: {
      ar: 'خطوط هاتفية للمساعدة والإبلاغ، بعضها يعمل على مدار ٢٤ ساعة.',
      ckb: 'هێڵی تەلەفۆن بۆ یارمەتی و سکاڵا، هەندێکیان ٢٤ کاتژمێر کار دەکەن.',
      // hêlên telefonê bo harîkariyê û skalayê, hindek ji wan 24 demjmêran kar dikin
      kmr: 'هێلێن تەلەفونێ بۆ هاریکاریێ و سکالایێ، هندەک ژ وان ٢٤ دەمژمێران کار دکەن.',
      en: 'Telephone lines for help and reporting; some answer 24 hours a day.',
      es: 'Líneas telefónicas de ayuda y denuncia; algunas atienden las 24 horas.',
    },
    sortOrder: 10,
    verificationCycleDays: 30,
    isPriorityChannel: true,
  },
  {
    id: 'police',
    parentId: null,
    names: {
      ar: 'الشرطة وجهات الإبلاغ الرسمية',
      ckb: 'پۆلیس و کەناڵە فەرمییەکانی سکاڵا',
      kmr: 'پۆلیس و رێکێن فەرمی یێن ئاگەهدارکرنێ', // polîs û rêkên fermî yên agehdarkirinê
      en: 'Police and official reporting channels',
      es: 'Policía y canales oficiales de denuncia',
    },
    descriptions: {
      ar: 'جهات رسمية لتقديم الشكاوى والإبلاغ عن الجرائم، بما فيها الابتزاز الإلكتروني.',
      ckb: 'دەزگا فەرمییەکان بۆ پێشکەشکردنی سکاڵا و ئاگادارکردنەوە لە تاوان، لەوانە هەڕەشە و ناچارکردنی ئەلیکترۆنی.',
      // dezgehên fermî bo skalayê û agehdarkirina li ser tawanan
      kmr: 'دەزگەهێن فەرمی بۆ سکالایێ و ئاگەهدارکرنا ل سەر تاوانان، ب تایبەتی گەفێن ئەلیکترۆنی.',
      en: 'Official bodies that take complaints and reports of crimes, including online extortion.',
      es: 'Instituciones oficiales que reciben denuncias de delitos, incluida la extorsión en línea.',
    },
    sortOrder: 20,
    verificationCycleDays: 90,
    isPriorityChannel: true,
  },
  {
    id: 'community_police',
    parentId: 'police',
    names: {
      ar: 'الشرطة المجتمعية',
      ckb: 'پۆلیسی کۆمەڵگا',
      kmr: 'پۆلیسێ جڤاکی', // polîsê civakî
      en: 'Community police',
      es: 'Policía comunitaria',
    },
    descriptions: {
      ar: 'قناة إبلاغ رسمية: الشرطة المجتمعية.',
      ckb: 'کەناڵی فەرمیی سکاڵا: پۆلیسی کۆمەڵگا.',
      kmr: 'رێکا فەرمی یا ئاگەهدارکرنێ: پۆلیسێ جڤاکی.',
      en: 'Official reporting channel: community police.',
      es: 'Canal oficial de denuncia: policía comunitaria.',
    },
    sortOrder: 21,
    verificationCycleDays: 90,
    isPriorityChannel: true,
  },
  {
    id: 'cybercrime_unit',
    parentId: 'police',
    names: {
      ar: 'وحدة مكافحة الجرائم الإلكترونية',
      ckb: 'یەکەی بەرەنگاربوونەوەی تاوانە ئەلیکترۆنییەکان',
      kmr: 'یەکەیا بەرهنگاربوونا تاوانێن ئەلیکترۆنی', // yekeya berhingarbûna tawanên elektronî
      en: 'Cybercrime unit',
      es: 'Unidad de delitos informáticos',
    },
    descriptions: {
      ar: 'قناة إبلاغ رسمية للجرائم الإلكترونية: الابتزاز، اختراق الحسابات، نشر الصور دون موافقة.',
      ckb:
        'کەناڵی فەرمیی سکاڵا بۆ تاوانە ئەلیکترۆنییەکان: هەڕەشەی بڵاوکردنەوە، هاککردنی هەژمار، ' +
        'بڵاوکردنەوەی وێنە بەبێ ڕەزامەندی.',
      kmr: 'رێکا فەرمی بۆ تاوانێن ئەلیکترۆنی: گەفا بەلاڤکرنێ، هاککرنا حسابان، بەلاڤکرنا وێنەیان بێ رەزامەندی.',
      en:
        'Official reporting channel for electronic crimes: extortion and blackmail (including threats to share ' +
        'images), account takeover, sharing images without consent.',
      es:
        'Canal oficial para delitos informáticos: extorsión, robo de cuentas, difusión de imágenes sin ' +
        'consentimiento.',
    },
    sortOrder: 22,
    verificationCycleDays: 90,
    isPriorityChannel: true,
  },
  {
    id: 'early_warning_unit',
    parentId: 'police',
    names: {
      ar: 'وحدة الإنذار المبكر',
      ckb: 'یەکەی ئاگادارکردنەوەی پێشوەختە',
      kmr: 'یەکەیا ئاگەهدارکرنا پێشوەخت', // yekeya agehdarkirina pêşwext
      en: 'Early-warning unit',
      es: 'Unidad de alerta temprana',
    },
    descriptions: {
      ar: 'قناة إبلاغ رسمية: وحدة تستقبل البلاغات عن خطر وشيك.',
      ckb: 'کەناڵی فەرمیی سکاڵا: یەکەیەک کە ئاگادارکردنەوە لەسەر مەترسیی نزیک وەردەگرێت.',
      kmr: 'رێکا فەرمی: یەکەیەک کو ئاگەهداریان ل سەر مەترسیا نێزیک وەردگریت.',
      en: 'Official reporting channel: a unit that takes reports of imminent risk.',
      es: 'Canal oficial: unidad que recibe avisos de riesgo inminente.',
    },
    sortOrder: 23,
    verificationCycleDays: 90,
    isPriorityChannel: true,
  },
  {
    id: 'national_security',
    parentId: 'police',
    names: {
      ar: 'الإبلاغ لدى الأمن الوطني',
      ckb: 'سکاڵا لای ئاسایشی نیشتمانی',
      kmr: 'ئاگەهدارکرن ل دەف ئاسایشا نیشتمانی', // agehdarkirin li def asayîşa niştimanî
      en: 'National security reporting',
      es: 'Denuncia ante seguridad nacional',
    },
    descriptions: {
      ar: 'قناة إبلاغ رسمية لدى جهاز الأمن الوطني.',
      ckb: 'کەناڵی فەرمیی سکاڵا لای دەزگای ئاسایشی نیشتمانی.',
      kmr: 'رێکا فەرمی یا ئاگەهدارکرنێ ل دەف دەزگەهێ ئاسایشا نیشتمانی.',
      en: 'Official reporting channel with the national security service.',
      es: 'Canal oficial de denuncia ante el servicio de seguridad nacional.',
    },
    sortOrder: 24,
    verificationCycleDays: 90,
    isPriorityChannel: true,
  },
  {
    id: 'health',
    parentId: null,
    names: {
      ar: 'الخدمات الصحية',
      ckb: 'خزمەتگوزارییە تەندروستییەکان',
      kmr: 'خزمەتگوزاریێن ساخلەمیێ', // xizmetguzariyên saxlemiyê
      en: 'Health',
      es: 'Salud',
    },
    descriptions: {
      ar: 'رعاية صحية تشمل الرعاية بعد الاعتداء الجنسي. الوقت مهم: الحضور خلال ٧٢ ساعة يساعد على منع الحمل والعدوى.',
      ckb:
        'چاودێریی تەندروستی، لەوانە چارەسەری دوای دەستدرێژیی سێکسی. کات گرنگە: ' +
        'لە ماوەی ٧٢ کاتژمێردا سەردان بکە بۆ ڕێگریکردن لە سکپڕی و تووشبوون.',
      kmr:
        'چاڤدێریا ساخلەمیێ، ب تایبەتی چارەسەریا پشتی دەستدرێژیا سێکسی. دەم گرنگە: ' +
        'د ناڤبەرا ٧٢ دەمژمێران دا سەرەدان بکە بۆ رێگرتن ل دووگیانی و نەخۆشیان.',
      en:
        'Health care, including care after sexual assault. Time-critical: ' +
        'come within 72 hours to prevent pregnancy and infection.',
      es:
        'Atención de salud, incluida la atención después de una agresión sexual. Es urgente: ' +
        'acude dentro de las 72 horas para prevenir embarazo e infecciones.',
    },
    sortOrder: 30,
    verificationCycleDays: 90,
    isPriorityChannel: false,
  },
  {
    id: 'shelter',
    parentId: null,
    names: {
      ar: 'مأوى آمن',
      ckb: 'پەناگە',
      kmr: 'پەناگەه', // penageh
      en: 'Shelter',
      es: 'Refugio',
    },
    descriptions: {
      ar: 'إقامة آمنة مؤقتة. العنوان سري ولا يُنشر؛ يتم الوصول عبر الإحالة.',
      ckb: 'شوێنی مانەوەی کاتیی سەلامەت. ناونیشانەکە نهێنییە و بڵاو ناکرێتەوە؛ گەیشتن لە ڕێگەی ڕەوانەکردنەوەیە.',
      kmr: 'جهێ مانا دەمکی یێ پاراستی. ناڤ و نیشان نهێنیە و ناهێتە بەلاڤکرن؛ گەهشتن ب رێکا رەوانەکرنێ یە.',
      en: 'Temporary safe accommodation. The address is confidential and never published; access is by referral.',
      es: 'Alojamiento temporal seguro. La dirección es confidencial y no se publica; el acceso es por derivación.',
    },
    sortOrder: 40,
    verificationCycleDays: 90,
    isPriorityChannel: false,
  },
  {
    id: 'case_management',
    parentId: null,
    names: {
      // Plain words first: "case management" means nothing to most people who need it.
      ar: 'متابعة حالتك ومساعدتك في الوصول إلى الخدمات',
      ckb: 'بەدواداچوونی بارودۆخەکەت و یارمەتی بۆ گەیشتن بە خزمەتگوزارییەکان',
      // dûvçûna rewşa te û harîkarî bo gehiştina xizmetguzariyan
      kmr: 'دویڤچوونا رەوشا تە و هاریکاری بۆ گەهشتنا خزمەتگوزاریان',
      en: 'Someone to follow your situation and help you reach services',
      es: 'Acompañamiento de tu caso y ayuda para llegar a los servicios',
    },
    descriptions: {
      ar:
        'شخص مدرَّب يتابع وضعك ويساعدك على معرفة ما تحتاجه ووضع خطة لسلامتك والوصول إلى الخدمات الأخرى (إدارة ' +
        'الحالة).',
      ckb:
        'کەسێکی ڕاهێنراو بەدوای بارودۆخەکەتدا دەچێت و یارمەتیت دەدات بزانیت پێویستیت بە چییە، ' +
        'پلانێک بۆ سەلامەتیت دابنێیت و بگەیتە خزمەتگوزارییەکانی تر.',
      kmr:
        'کەسەکێ راهێنای دویڤ رەوشا تە دچیت و هاریکاریا تە دکەت بزانی تو پێدڤی ب چ یی، ' +
        'پلانەکێ بۆ سەلامەتیا خۆ دانی و بگەهیە خزمەتگوزاریێن دی.',
      en:
        'A trained worker follows your situation and helps you work out what you need, make a plan to stay safe and ' +
        'reach other services (case management).',
      es:
        'Una persona capacitada acompaña tu caso y te ayuda a ver qué necesitas, hacer un plan para estar segura y ' +
        'llegar a otros servicios (gestión de casos).',
    },
    sortOrder: 50,
    verificationCycleDays: 90,
    isPriorityChannel: false,
  },
  {
    id: 'mhpss',
    parentId: null,
    names: {
      ar: 'دعم نفسي',
      ckb: 'پاڵپشتیی دەروونی',
      kmr: 'پشتەڤانیا دەروونی', // piştevaniya derûnî
      en: 'Emotional support and mental health',
      es: 'Apoyo emocional y salud mental',
    },
    descriptions: {
      ar: 'جلسات فردية أو جماعية للحديث والدعم، واستشارات، وإحالة إلى طبيب نفسي عند الحاجة.',
      ckb:
        'دانیشتنی تاکەکەسی یان بە کۆمەڵ بۆ قسەکردن و پشتگیری، ڕاوێژ، ' +
        'و ڕەوانەکردن بۆ پزیشکی دەروونی کاتێک پێویست بێت.',
      kmr:
        'دانیشتنێن تاکەکەسی یان ب کۆم بۆ ئاخفتنێ و پشتەڤانیێ، شێورەکرن، ' +
        'و رەوانەکرن بۆ نۆژدارێ دەروونی دەمێ پێدڤی بیت.',
      en:
        'One-to-one or group sessions to talk and get support, counselling, and referral to a mental health doctor ' +
        'when needed.',
      es:
        'Sesiones individuales o en grupo para hablar y recibir apoyo, consejería y derivación a atención de salud ' +
        'mental cuando haga falta.',
    },
    sortOrder: 60,
    verificationCycleDays: 90,
    isPriorityChannel: false,
  },
  {
    id: 'legal_aid',
    parentId: null,
    names: {
      ar: 'المساعدة القانونية',
      ckb: 'هاوکاریی یاسایی',
      kmr: 'هاریکاریا یاسایی', // harîkariya yasayî
      en: 'Legal aid',
      es: 'Asistencia legal',
    },
    descriptions: {
      ar: 'استشارة قانونية، ومساعدة في الشكاوى والوثائق، وتمثيل أمام المحاكم.',
      ckb: 'ڕاوێژی یاسایی، یارمەتی لە سکاڵا و بەڵگەنامەکان، و نوێنەرایەتی لە دادگا.',
      kmr: 'شێورەکرنا یاسایی، هاریکاری د سکالا و بەلگەنامەیان دا، و نوینەراتی ل دادگەهێ.',
      en: 'Legal advice, help with complaints and documents, and representation in court.',
      es: 'Asesoría legal, apoyo con denuncias y documentos, y representación ante tribunales.',
    },
    sortOrder: 70,
    verificationCycleDays: 90,
    isPriorityChannel: false,
  },
  {
    id: 'safe_space',
    parentId: null,
    names: {
      ar: 'مساحة آمنة للنساء والفتيات',
      ckb: 'شوێنی سەلامەت بۆ ئافرەتان و کچان',
      kmr: 'جهێ پاراستی بۆ ئافرەت و کچان', // cihê parastî bo afret û kiçan
      en: 'Safe space for women and girls',
      es: 'Espacio seguro para mujeres y niñas',
    },
    descriptions: {
      ar: 'مكان للنساء والفتيات فقط: أنشطة، معلومات، ودعم، ونقطة دخول سرية إلى الخدمات.',
      ckb: 'شوێنێک تەنها بۆ ئافرەتان و کچان: چالاکی، زانیاری و پاڵپشتی، و دەروازەیەکی نهێنی بۆ خزمەتگوزارییەکان.',
      kmr: 'جهەک تنێ بۆ ئافرەت و کچان: چالاکی، پێزانین و پشتەڤانی، و دەرگەهەکێ نهێنی بۆ خزمەتگوزاریان.',
      en: 'A place for women and girls only: activities, information and support, and a discreet way into services.',
      es:
        'Un lugar solo para mujeres y niñas: actividades, información y apoyo, y una entrada discreta a los ' +
        'servicios.',
    },
    sortOrder: 80,
    verificationCycleDays: 90,
    isPriorityChannel: false,
  },
  {
    id: 'digital_security',
    parentId: null,
    names: {
      ar: 'المساعدة في حماية الهاتف والحسابات',
      ckb: 'یارمەتی بۆ پاراستنی مۆبایل و هەژمارەکان',
      kmr: 'هاریکاری بۆ پاراستنا مۆبایلێ و حسابان', // harîkarî bo parastina mobaylê û hisaban
      en: 'Help keeping your phone and accounts safe',
      es: 'Ayuda para proteger tu teléfono y tus cuentas',
    },
    descriptions: {
      ar: 'مساعدة في الابتزاز الإلكتروني، واستعادة الحسابات المخترقة، وطلب حذف الصور والمحتوى المنشور دون موافقة.',
      ckb:
        'یارمەتی لە هەڕەشەی ئەلیکترۆنی، گەڕاندنەوەی هەژماری هاککراو، ' +
        'و داواکردنی سڕینەوەی وێنە و ناوەڕۆکی بڵاوکراوە بەبێ ڕەزامەندی.',
      kmr:
        'هاریکاری د گەفێن ئەلیکترۆنی دا، زڤراندنا حسابێن هاککری، ' +
        'و داخوازا ژێبرنا وێنە و ناڤەرۆکا بێ رەزامەندی هاتیە بەلاڤکرن.',
      en:
        'Help with online extortion and blackmail (including threats to share images), recovering taken-over ' +
        'accounts, and requesting removal of images and content shared without consent.',
      es:
        'Ayuda ante la extorsión en línea, recuperación de cuentas robadas y solicitudes de retiro de imágenes y ' +
        'contenido difundidos sin consentimiento.',
    },
    sortOrder: 90,
    verificationCycleDays: 90,
    isPriorityChannel: false,
  },
  {
    id: 'cash_assistance',
    parentId: null,
    names: {
      ar: 'المساعدات النقدية',
      ckb: 'هاوکاریی پارەیی',
      kmr: 'هاریکاریا دراڤی', // harîkariya diravî
      en: 'Cash assistance',
      es: 'Asistencia en efectivo',
    },
    descriptions: {
      ar: 'مساعدة نقدية طارئة أو لمرة واحدة لتغطية الاحتياجات الأساسية والسلامة.',
      ckb: 'هاوکاریی پارەیی فریاکەوتن یان یەکجار بۆ پێداویستییە سەرەکییەکان و سەلامەتی.',
      kmr: 'هاریکاریا دراڤی یا لەزگین یان ئێک جار بۆ پێدڤیێن سەرەکی و پاراستنێ.',
      en: 'Emergency or one-off cash to cover basic and safety needs.',
      es: 'Dinero en efectivo de emergencia o de una sola vez para necesidades básicas y de seguridad.',
    },
    sortOrder: 100,
    verificationCycleDays: 90,
    isPriorityChannel: false,
  },
  // Types a referral pathway's steps need (accompaniment, community teams, child protection,
  // forensic medicine, volunteer lawyers).
  {
    id: 'accompaniment',
    parentId: null,
    names: {
      ar: 'المرافقة',
      ckb: 'هاوڕێیەتیکردن',
      kmr: 'هەڤالینی', // hevalînî
      en: 'Accompaniment',
      es: 'Acompañamiento',
    },
    descriptions: {
      ar: 'شخص من المنظمة يرافقك للإبلاغ أو إلى جلسة، أو يستضيف اللقاء في مكتبه، أو ينقل الحالة دون ذكر اسمك.',
      ckb:
        'کەسێک لە ڕێکخراوەکە لەگەڵت دێت بۆ سکاڵا یان دانیشتن، یان کۆبوونەوەکە لە نووسینگەکەی ڕێک دەخات، ' +
        'یان دۆسیەکە بەبێ ناوت دەگوازێتەوە.',
      kmr:
        'کەسەک ژ رێکخراوێ دگەل تە دهێت بۆ سکالایێ یان دانیشتنێ، یان دیدارێ ل نڤیسینگەها خۆ رێک دئێخیت، ' +
        'یان دۆسیێ بێ ناڤێ تە ڤەدگوهێزیت.',
      en:
        'Someone from the organisation goes with you to report or to a hearing, hosts the meeting at its office, ' +
        'or passes the case on without your name.',
      es:
        'Alguien de la organización te acompaña a denunciar o a una audiencia, recibe la reunión en su oficina ' +
        'o traslada el caso sin tu nombre.',
    },
    sortOrder: 110,
    verificationCycleDays: 90,
    isPriorityChannel: false,
  },
  {
    id: 'community_protection',
    parentId: null,
    names: {
      ar: 'فرق الحماية المجتمعية',
      ckb: 'تیمەکانی پاراستنی کۆمەڵگا',
      kmr: 'تیمێن پاراستنا جڤاکی', // tîmên parastina civakî
      en: 'Community protection teams',
      es: 'Equipos comunitarios de protección',
    },
    descriptions: {
      ar: 'فرق من أبناء المنطقة تستقبل الحالات وتدل على الخدمات.',
      ckb: 'تیمی خەڵکی ناوچەکە کە حاڵەتەکان وەردەگرن و ڕێنمایی دەکەن بۆ خزمەتگوزارییەکان.',
      kmr: 'تیمێن خەلکێ دەڤەرێ کو حالەتان وەردگرن و رێنمایی دکەن بۆ خزمەتگوزاریان.',
      en: 'Teams of local people who receive cases and show the way to services.',
      es: 'Equipos de personas de la comunidad que reciben casos y orientan hacia los servicios.',
    },
    sortOrder: 120,
    verificationCycleDays: 90,
    isPriorityChannel: false,
  },
  {
    id: 'child_protection',
    parentId: null,
    names: {
      ar: 'حماية الطفل والاستجابة للاستغلال الجنسي عبر الإنترنت',
      ckb: 'پاراستنی منداڵ و وەڵامدانەوەی چەوساندنەوەی سێکسی لە ئینتەرنێت',
      kmr: 'پاراستنا زارۆکان و بەرسڤدانا چەوساندنا سێکسی ل سەر ئینتەرنێتێ',
      en: 'Child protection and online child abuse response',
      es: 'Protección infantil y respuesta al abuso sexual infantil en línea',
    },
    descriptions: {
      ar: 'خدمات للأطفال واليافعين دون ١٨ عاماً، بما فيها الاستجابة للاستغلال والاعتداء الجنسي عبر الإنترنت.',
      ckb: 'خزمەتگوزاری بۆ منداڵان و هەرزەکارانی خوار ١٨ ساڵ، لەوانە وەڵامدانەوەی چەوساندنەوەی سێکسی لە ئینتەرنێت.',
      kmr: 'خزمەتگوزاری بۆ زارۆکان و گەنجێن بن ١٨ ساڵان، ب تایبەتی بەرسڤدانا چەوساندنا سێکسی ل سەر ئینتەرنێتێ.',
      en: 'Services for children and young people under 18, including the response to online sexual exploitation.',
      es: 'Servicios para menores de 18 años, incluida la respuesta a la explotación sexual en línea.',
    },
    sortOrder: 130,
    verificationCycleDays: 90,
    isPriorityChannel: false,
  },
  {
    id: 'forensic_medicine',
    parentId: null,
    names: {
      ar: 'الطب العدلي',
      ckb: 'پزیشکیی دادوەری',
      kmr: 'پزیشکیا دادوەری', // pizîşkiya dadwerî
      en: 'Forensic medicine',
      es: 'Medicina forense',
    },
    descriptions: {
      ar: 'فحص طبي أو رقمي يُستخدم دليلاً أمام القضاء، عادةً بطلب من النيابة أو الشرطة.',
      ckb: 'پشکنینی پزیشکی یان دیجیتاڵی کە وەک بەڵگە لە دادگا بەکار دێت، زۆرجار بە داوای داواکار یان پۆلیس.',
      kmr: 'پشکنینا پزیشکی یان دیجیتالی کو وەک بەلگە ل دادگەهێ دهێتە بکارئینان، پتر ب داخوازا داواکار یان پۆلیسی.',
      en:
        'A medical or digital examination used as evidence in court, ' +
        'usually at the request of prosecutors or police.',
      es: 'Examen médico o digital que sirve como prueba ante la justicia, por lo general a pedido de la fiscalía.',
    },
    sortOrder: 140,
    verificationCycleDays: 90,
    isPriorityChannel: false,
  },
  {
    id: 'legal_volunteers',
    parentId: 'legal_aid',
    names: {
      ar: 'محامون ومحاميات متطوعون',
      ckb: 'پارێزەرانی خۆبەخش',
      kmr: 'پارێزەرێن خۆبەخش', // parêzerên xobexş
      en: 'Volunteer lawyers',
      es: 'Abogadas y abogados voluntarios',
    },
    descriptions: {
      ar: 'محامون يقدّمون المشورة أو يتابعون القضية دون مقابل.',
      ckb: 'پارێزەران کە بەبێ بەرامبەر ڕاوێژ دەدەن یان دۆسیەکە بەدوادا دەچن.',
      kmr: 'پارێزەر کو بێ بەرامبەر شیرەتان ددەن یان دۆسیێ دویڤ دچن.',
      en: 'Lawyers who give advice or follow a case without charge.',
      es: 'Profesionales del derecho que asesoran o llevan el caso sin costo.',
    },
    sortOrder: 75,
    verificationCycleDays: 90,
    isPriorityChannel: false,
  },
];

export function serviceTypeStatements() {
  return serviceTypes.map((t) =>
    insertRow('service_types', {
      id: t.id,
      parent_id: t.parentId,
      names: t.names,
      descriptions: t.descriptions,
      sort_order: t.sortOrder,
      verification_cycle_days: t.verificationCycleDays,
      is_priority_channel: t.isPriorityChannel,
    }),
  );
}
