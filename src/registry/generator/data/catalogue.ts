/**
 * Occupations, vehicles, establishment activities and the wording of incidents, in Arabic and
 * English. Weights say how common each entry is.
 */

export interface Occupation {
  ar: string;
  en: string;
  sex: 'male' | 'female' | 'any';
  /** Nationalities typically recruited for it (ISO alpha-3), most common first. */
  from: string[];
  /** Professionals more often bring their families. */
  professional?: boolean;
  drives?: boolean;
  /** The class of licence the job needs, when not a private one. */
  licence?: 'heavy_transport' | 'public';
}

export const DOMESTIC_OCCUPATIONS: Array<[Occupation, number]> = [
  [{ ar: 'عاملة منزلية', en: 'Housemaid', sex: 'female', from: ['PHL', 'IDN', 'ETH', 'KEN', 'LKA', 'BGD', 'IND'] }, 48],
  [{ ar: 'سائق خاص', en: 'Private driver', sex: 'male', from: ['IND', 'PAK', 'BGD', 'NPL', 'LKA', 'PHL'], drives: true }, 30],
  [{ ar: 'طباخ منزلي', en: 'Cook', sex: 'any', from: ['IND', 'PHL', 'LKA', 'BGD', 'IDN'] }, 8],
  [{ ar: 'مربية أطفال', en: 'Nanny', sex: 'female', from: ['PHL', 'IDN', 'KEN', 'LKA'] }, 6],
  [{ ar: 'مزارع منزلي', en: 'Home gardener', sex: 'male', from: ['BGD', 'PAK', 'IND', 'SDN'] }, 4],
  [{ ar: 'حارس منزل', en: 'House guard', sex: 'male', from: ['BGD', 'YEM', 'SDN', 'PAK'] }, 4],
];

export const ESTABLISHMENT_OCCUPATIONS: Array<[Occupation, number]> = [
  [{ ar: 'عامل', en: 'Labourer', sex: 'male', from: ['BGD', 'IND', 'PAK', 'NPL', 'YEM', 'SDN', 'EGY'] }, 24],
  [{ ar: 'فني كهرباء', en: 'Electrician', sex: 'male', from: ['IND', 'PAK', 'BGD', 'EGY', 'PHL'] }, 7],
  [{ ar: 'سباك', en: 'Plumber', sex: 'male', from: ['IND', 'PAK', 'BGD', 'EGY'] }, 5],
  [{ ar: 'نجار', en: 'Carpenter', sex: 'male', from: ['IND', 'BGD', 'EGY', 'PAK'] }, 4],
  [{ ar: 'بائع', en: 'Salesman', sex: 'male', from: ['YEM', 'EGY', 'IND', 'PAK', 'SDN'] }, 9],
  [{ ar: 'سائق شاحنة', en: 'Truck driver', sex: 'male', from: ['PAK', 'IND', 'BGD', 'SDN'], drives: true, licence: 'heavy_transport' }, 6],
  [{ ar: 'سائق توصيل', en: 'Delivery driver', sex: 'male', from: ['PAK', 'IND', 'BGD', 'YEM', 'SDN', 'EGY'], drives: true }, 6],
  [{ ar: 'طباخ', en: 'Cook', sex: 'male', from: ['IND', 'EGY', 'BGD', 'PHL', 'NPL'] }, 5],
  [{ ar: 'عامل نظافة', en: 'Cleaner', sex: 'male', from: ['BGD', 'NPL', 'IND', 'KEN', 'ETH'] }, 6],
  [{ ar: 'حارس أمن', en: 'Security guard', sex: 'male', from: ['YEM', 'SDN', 'KEN', 'NPL'] }, 3],
  [{ ar: 'حلاق', en: 'Barber', sex: 'male', from: ['EGY', 'PAK', 'YEM', 'IND'] }, 2],
  [{ ar: 'خياط', en: 'Tailor', sex: 'male', from: ['PAK', 'BGD', 'IND'] }, 2],
  [{ ar: 'محاسب', en: 'Accountant', sex: 'any', from: ['EGY', 'IND', 'PAK', 'SDN', 'PHL'], professional: true }, 5],
  [{ ar: 'مهندس مدني', en: 'Civil engineer', sex: 'male', from: ['EGY', 'IND', 'PAK', 'SDN', 'PHL'], professional: true }, 4],
  [{ ar: 'مبرمج', en: 'Software developer', sex: 'any', from: ['IND', 'EGY', 'PAK', 'PHL'], professional: true }, 2],
  [{ ar: 'ممرض', en: 'Nurse', sex: 'any', from: ['PHL', 'IND', 'EGY', 'SDN'], professional: true }, 4],
  [{ ar: 'طبيب', en: 'Physician', sex: 'any', from: ['EGY', 'SDN', 'IND', 'PAK'], professional: true }, 2],
  [{ ar: 'مدير مبيعات', en: 'Sales manager', sex: 'male', from: ['EGY', 'IND', 'YEM'], professional: true }, 2],
  [{ ar: 'مشرف عمال', en: 'Site supervisor', sex: 'male', from: ['IND', 'PAK', 'EGY', 'PHL'], professional: true }, 2],
];

export const DEPENDANT_OCCUPATION = { ar: 'مرافق', en: 'Dependant' } as const;
export const HOUSEWIFE_OCCUPATION = { ar: 'ربة منزل', en: 'Housewife' } as const;

/** Establishment activities: "ar=en" of the activity as it appears in the name. */
export const ACTIVITIES = `
للمقاولات=Contracting, للتجارة=Trading, للصيانة=Maintenance, للنقل=Transport, للمطاعم=Restaurants,
للخدمات التجارية=Commercial Services, للتشغيل والصيانة=Operation and Maintenance, للأثاث=Furniture,
للمواد الغذائية=Foodstuffs, للسيارات=Motors, للخدمات اللوجستية=Logistics, للتقنية=Technology
`;

/** "make|model" with a weight. Make and model are stored as on the registration card (Latin). */
export const VEHICLE_MODELS: Array<[string, number]> = [
  ['Toyota|Camry', 9], ['Toyota|Land Cruiser', 6], ['Toyota|Hilux', 6], ['Toyota|Corolla', 5], ['Toyota|Yaris', 4],
  ['Toyota|Prado', 3], ['Toyota|Fortuner', 2], ['Hyundai|Accent', 6], ['Hyundai|Elantra', 5], ['Hyundai|Sonata', 3],
  ['Hyundai|Tucson', 3], ['Hyundai|Azera', 2], ['Nissan|Patrol', 4], ['Nissan|Sunny', 4], ['Nissan|Altima', 2],
  ['Kia|Cerato', 3], ['Kia|Sportage', 2], ['Kia|Pegas', 2], ['Chevrolet|Tahoe', 2], ['Chevrolet|Malibu', 1],
  ['GMC|Yukon', 2], ['GMC|Sierra', 1], ['Ford|Taurus', 2], ['Ford|Explorer', 1], ['Lexus|LX 600', 1],
  ['Lexus|ES 350', 1], ['Mercedes-Benz|E 300', 1], ['Honda|Accord', 2], ['Honda|Civic', 1], ['Mazda|CX-5', 1],
  ['Changan|Alsvin', 2], ['Geely|Coolray', 1], ['MG|MG5', 2], ['Isuzu|NPR', 1], ['Mitsubishi|L200', 1],
];

/** Trucks and vans registered to establishments. */
export const ESTABLISHMENT_MODELS: Array<[string, number]> = [
  ['Isuzu|NPR', 4], ['Toyota|Hilux', 5], ['Hyundai|H100', 4], ['Mitsubishi|Canter', 2], ['Toyota|Hiace', 3],
];

/** "ar=en" colours with weights. */
export const COLOURS: Array<[string, number]> = [
  ['أبيض=White', 40], ['فضي=Silver', 14], ['أسود=Black', 12], ['رمادي=Grey', 10], ['بيج=Beige', 6],
  ['أحمر=Red', 4], ['أزرق=Blue', 4], ['ذهبي=Gold', 3], ['بني=Brown', 2], ['عنابي=Maroon', 2], ['أخضر=Green', 1],
];

export const INSURERS = ['TAW', 'BUP', 'MED', 'WLA', 'ALR', 'SAL', 'GUL', 'ACI'];

/** Accident descriptions for traffic cases: "ar=en". */
export const ACCIDENTS = `
تصادم بين مركبتين عند إشارة ضوئية=Collision between two vehicles at traffic lights,
تصادم خلفي على طريق سريع=Rear-end collision on a highway,
انحراف مركبة واصطدامها بمركبة متوقفة=Vehicle swerved and hit a parked vehicle,
تصادم عند دوار=Collision at a roundabout,
تصادم أثناء تغيير المسار=Collision while changing lanes
`;
