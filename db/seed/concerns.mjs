// The taxonomy of concerns (table `concerns`): what a person is facing, which referral pathways
// are for. Ids are stable slugs: the API's `concern` parameter and partner apps refer to them, so
// never rename one. Badini (`kmr`) is best-effort, like the service types, and should be reviewed
// by a Badini speaker.

import { insertRow } from './sql.mjs';

export const concerns = [
  {
    id: 'digital_extortion',
    names: {
      ar: 'الابتزاز الإلكتروني ونشر الصور دون موافقة',
      ckb: 'هەڕەشەی ئەلیکترۆنی و بڵاوکردنەوەی وێنە بەبێ ڕەزامەندی',
      kmr: 'گەفێن ئەلیکترۆنی و بەلاڤکرنا وێنەیان بێ رەزامەندی',
      en: 'Digital extortion and image-based abuse',
      es: 'Extorsión digital y difusión de imágenes íntimas',
    },
    descriptions: {
      ar: 'شخص يهددك بنشر صور أو رسائل، أو نشرها دون موافقتك.',
      ckb: 'کەسێک هەڕەشە دەکات وێنە یان نامەکانت بڵاو بکاتەوە، یان بەبێ ڕەزامەندیی تۆ بڵاوی کردوونەتەوە.',
      kmr: 'کەسەک گەفان دکەت وێنە یان نامێن تە بەلاڤ بکەت، یان بێ رەزامەندیا تە بەلاڤ کرینە.',
      en: 'Someone threatens to share your pictures or messages, or has shared them without your consent.',
      es: 'Alguien amenaza con difundir tus fotos o mensajes, o ya los difundió sin tu consentimiento.',
    },
    sortOrder: 10,
  },
  {
    id: 'online_harassment',
    names: {
      ar: 'التحرش عبر الإنترنت',
      ckb: 'گێچەڵپێکردن لە ئینتەرنێت',
      kmr: 'تەنگاڤکرن ل سەر ئینتەرنێتێ',
      en: 'Online harassment',
      es: 'Acoso en línea',
    },
    descriptions: {
      ar: 'رسائل أو تعليقات أو متابعة متكررة تؤذيك أو تخيفك عبر الإنترنت.',
      ckb: 'نامە، لێدوان یان شوێنکەوتنی دووبارە لە ئینتەرنێت کە ئازارت دەدات یان دەتترسێنێت.',
      kmr: 'نامە، شیرۆڤە یان دویڤچوونا دووبارە ل سەر ئینتەرنێتێ کو ئازارێ ددەتە تە یان تە دترسینیت.',
      en: 'Repeated messages, comments or following online that hurt or frighten you.',
      es: 'Mensajes, comentarios o seguimiento repetidos en internet que te dañan o te asustan.',
    },
    sortOrder: 20,
  },
  {
    id: 'online_child_sexual_abuse',
    names: {
      ar: 'الاستغلال والاعتداء الجنسي على الأطفال عبر الإنترنت',
      ckb: 'چەوساندنەوە و دەستدرێژیی سێکسی بۆ سەر منداڵان لە ئینتەرنێت',
      kmr: 'چەوساندن و دەستدرێژیا سێکسی بۆ سەر زارۆکان ل سەر ئینتەرنێتێ',
      en: 'Online child sexual exploitation and abuse',
      es: 'Explotación y abuso sexual infantil en línea',
    },
    descriptions: {
      ar: 'طفل أو يافع دون ١٨ عاماً يتعرض للاستدراج أو الابتزاز أو نشر صور جنسية عبر الإنترنت.',
      ckb:
        'منداڵ یان هەرزەکارێکی خوار ١٨ ساڵ لە ئینتەرنێت فریو دەدرێت، ' +
        'هەڕەشەی لێ دەکرێت یان وێنەی سێکسیی بڵاو دەکرێتەوە.',
      kmr:
        'زارۆکەک یان گەنجەکێ بن ١٨ ساڵان ل سەر ئینتەرنێتێ دهێتە خاپاندن، ' +
        'گەف لێ دهێنە کرن یان وێنێن سێکسی دهێنە بەلاڤکرن.',
      en: 'A child or young person under 18 is groomed, blackmailed or has sexual images shared online.',
      es: 'Una niña, un niño o adolescente menor de 18 años es engañado, chantajeado o se difunden imágenes sexuales.',
    },
    sortOrder: 30,
  },
  {
    id: 'domestic_violence',
    names: {
      ar: 'العنف الأسري',
      ckb: 'توندوتیژیی خێزانی',
      kmr: 'توندوتیژیا خێزانی',
      en: 'Domestic violence',
      es: 'Violencia intrafamiliar',
    },
    descriptions: {
      ar: 'عنف من الزوج أو أحد أفراد الأسرة: جسدي أو نفسي أو مالي.',
      ckb: 'توندوتیژی لەلایەن هاوسەر یان ئەندامێکی خێزانەوە: جەستەیی، دەروونی یان دارایی.',
      kmr: 'توندوتیژی ژ لایێ هەڤژینی یان ئەندامەکێ خێزانێ: لەشی، دەروونی یان دارایی.',
      en: 'Violence from a partner or a family member: physical, emotional or financial.',
      es: 'Violencia de la pareja o de un familiar: física, psicológica o económica.',
    },
    sortOrder: 40,
  },
  {
    id: 'sexual_violence',
    names: {
      ar: 'العنف الجنسي',
      ckb: 'توندوتیژیی سێکسی',
      kmr: 'توندوتیژیا سێکسی',
      en: 'Sexual violence',
      es: 'Violencia sexual',
    },
    descriptions: {
      ar: 'أي فعل جنسي دون موافقتك. الرعاية الطبية خلال ٧٢ ساعة مهمة.',
      ckb: 'هەر کارێکی سێکسی بەبێ ڕەزامەندیی تۆ. چاودێریی پزیشکی لە ماوەی ٧٢ کاتژمێردا گرنگە.',
      kmr: 'هەر کارەکێ سێکسی بێ رەزامەندیا تە. چاڤدێریا پزیشکی د ناڤبەرا ٧٢ دەمژمێران دا گرنگە.',
      en: 'Any sexual act without your consent. Medical care within 72 hours matters.',
      es: 'Cualquier acto sexual sin tu consentimiento. La atención médica en las primeras 72 horas es importante.',
    },
    sortOrder: 50,
  },
];

export function concernStatements() {
  return concerns.map((c) =>
    insertRow('concerns', { id: c.id, names: c.names, descriptions: c.descriptions, sort_order: c.sortOrder }),
  );
}
