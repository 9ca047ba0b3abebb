/**
 * Which sheet column holds which of our fields: by the header as GBV sub-clusters' 4W and
 * referral-pathway sheets name it (English, Arabic, Sorani, Spanish), or by a mapping the
 * importer sends for a sheet whose headers differ ({"اسم الجهة": "organisation"}).
 */
import { normaliseText } from '../../domain/text-normalise.ts';

export const IMPORT_FIELDS = [
  'external_id',
  'organisation',
  'service_name',
  'service_type',
  'governorate',
  'district',
  'subdistrict',
  'pcode',
  'focal_point',
  'phones',
  'hours',
  'eligibility',
  'languages',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const HEADERS: Record<ImportField, string[]> = {
  external_id: [
    'external id',
    'id',
    'activity id',
    'service id',
    'row id',
    'المعرف',
    'معرف',
    'الرقم التعريفي',
    'id del servicio',
  ],
  organisation: [
    'organisation',
    'organization',
    'org',
    'partner',
    'agency',
    'implementing partner',
    'organisation name',
    'المنظمة',
    'اسم المنظمة',
    'الجهة',
    'اسم الجهة',
    'ڕێکخراو',
    'ناوی ڕێکخراو',
    'organización',
    'institución',
  ],
  service_name: [
    'service name',
    'service',
    'activity',
    'اسم الخدمة',
    'الخدمة',
    'ناوی خزمەتگوزاری',
    'nombre del servicio',
    'servicio',
  ],
  service_type: [
    'service type',
    'type',
    'type of service',
    'sector',
    'نوع الخدمة',
    'جۆری خزمەتگوزاری',
    'tipo de servicio',
    'tipo',
  ],
  governorate: ['governorate', 'province', 'admin1', 'المحافظة', 'محافظة', 'پارێزگا', 'departamento'],
  district: ['district', 'admin2', 'القضاء', 'قضاء', 'قەزا', 'municipio'],
  subdistrict: ['subdistrict', 'sub district', 'admin3', 'الناحية', 'ناحية', 'ناحیە'],
  pcode: ['pcode', 'p code', 'area pcode', 'location pcode', 'admin pcode', 'الرمز المكاني', 'código p'],
  focal_point: [
    'focal point',
    'contact person',
    'focal person',
    'نقطة الاتصال',
    'الشخص المسؤول',
    'نقطة الارتكاز',
    'کەسی پەیوەندی',
    'punto focal',
    'persona de contacto',
  ],
  phones: [
    'phone',
    'phones',
    'phone number',
    'phone numbers',
    'telephone',
    'mobile',
    'contact number',
    'الهاتف',
    'رقم الهاتف',
    'أرقام الهاتف',
    'ژمارەی تەلەفۆن',
    'تەلەفۆن',
    'teléfono',
    'teléfonos',
  ],
  hours: [
    'days and hours',
    'working days and hours',
    'working hours',
    'opening hours',
    'hours',
    'أوقات العمل',
    'ساعات العمل',
    'أيام وساعات العمل',
    'أيام العمل',
    'کاتی کارکردن',
    'horario',
    'horario de atención',
    'días y horarios',
  ],
  eligibility: [
    'eligibility',
    'target group',
    'beneficiaries',
    'eligibility criteria',
    'الفئة المستهدفة',
    'الأهلية',
    'المستفيدون',
    'مەرجەکان',
    'گرووپی ئامانج',
    'población meta',
    'elegibilidad',
  ],
  languages: ['languages', 'language', 'اللغات', 'اللغة', 'زمانەکان', 'زمان', 'idiomas', 'idioma'],
  notes: ['notes', 'remarks', 'comments', 'ملاحظات', 'الملاحظات', 'تێبینی', 'observaciones', 'notas'],
};

const headerKey = (header: string) => normaliseText(header).replace(/ /g, '');
const KNOWN = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => HEADERS[field].map((h) => [headerKey(h), field] as [string, ImportField])),
);

export const isImportField = (value: string): value is ImportField =>
  (IMPORT_FIELDS as readonly string[]).includes(value);

export type ColumnMap = Partial<Record<ImportField, number>>;

/**
 * The column of each field. The mapping (sheet header → field) is checked by the caller; a header
 * it names wins over a header we recognise. The first column of a field wins over later ones.
 */
export function mapColumns(headers: string[], mapping: Record<string, ImportField> = {}): ColumnMap {
  const mapped = new Map(Object.entries(mapping).map(([header, field]) => [headerKey(header), field]));
  const columns: ColumnMap = {};
  headers.forEach((header, index) => {
    const key = headerKey(header);
    const field = mapped.get(key) ?? KNOWN.get(key);
    if (field && columns[field] === undefined) columns[field] = index;
  });
  return columns;
}

/** Mapping entries whose header is not in the sheet. */
export function missingHeaders(headers: string[], mapping: Record<string, ImportField>): string[] {
  const present = new Set(headers.map(headerKey));
  return Object.keys(mapping).filter((h) => !present.has(headerKey(h)));
}
