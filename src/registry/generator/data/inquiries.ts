/**
 * Names the records the inquiries read are made of: border ports, insurers, Hajj campaigns and
 * recruitment offices, in Arabic and English. Weights say how common each entry is.
 */

export interface Named {
  ar: string;
  en: string;
}

/** Ports of entry: the airports take most travellers. */
export const PORTS: Array<[Named, number]> = [
  [{ ar: 'مطار الملك خالد الدولي', en: 'King Khalid International Airport' }, 30],
  [{ ar: 'مطار الملك عبدالعزيز الدولي', en: 'King Abdulaziz International Airport' }, 28],
  [{ ar: 'مطار الملك فهد الدولي', en: 'King Fahd International Airport' }, 14],
  [{ ar: 'مطار الأمير محمد بن عبدالعزيز الدولي', en: 'Prince Mohammad bin Abdulaziz International Airport' }, 6],
  [{ ar: 'جسر الملك فهد', en: 'King Fahd Causeway' }, 10],
  [{ ar: 'منفذ البطحاء', en: 'Al Batha border crossing' }, 4],
  [{ ar: 'منفذ الوديعة', en: 'Al Wadiah border crossing' }, 4],
  [{ ar: 'منفذ الحديثة', en: 'Al Haditha border crossing' }, 2],
  [{ ar: 'ميناء جدة الإسلامي', en: 'Jeddah Islamic Port' }, 2],
];

/** Health insurers of residents. */
export const HEALTH_INSURERS: Array<[Named, number]> = [
  [{ ar: 'بوبا العربية للتأمين التعاوني', en: 'Bupa Arabia for Cooperative Insurance' }, 28],
  [{ ar: 'التعاونية للتأمين', en: 'Tawuniya' }, 26],
  [{ ar: 'ميدغلف للتأمين', en: 'MedGulf' }, 12],
  [{ ar: 'ملاذ للتأمين', en: 'Malath Insurance' }, 8],
  [{ ar: 'الدرع العربي للتأمين', en: 'Arabian Shield Insurance' }, 8],
  [{ ar: 'ولاء للتأمين التعاوني', en: 'Walaa Cooperative Insurance' }, 8],
  [{ ar: 'تكافل الراجحي', en: 'Al Rajhi Takaful' }, 10],
];

/** Vehicle insurers by the code their policy numbers start with (catalogue.ts INSURERS). */
export const VEHICLE_INSURERS: Record<string, Named> = {
  TAW: { ar: 'التعاونية للتأمين', en: 'Tawuniya' },
  BUP: { ar: 'بوبا العربية للتأمين التعاوني', en: 'Bupa Arabia' },
  MED: { ar: 'ميدغلف للتأمين', en: 'MedGulf' },
  WLA: { ar: 'ولاء للتأمين التعاوني', en: 'Walaa Cooperative Insurance' },
  ALR: { ar: 'تكافل الراجحي', en: 'Al Rajhi Takaful' },
  SAL: { ar: 'سلامة للتأمين التعاوني', en: 'Salama Cooperative Insurance' },
  GUL: { ar: 'مجموعة الخليج للتأمين', en: 'Gulf Insurance Group' },
  ACI: { ar: 'المجموعة المتحدة للتأمين التعاوني', en: 'Allied Cooperative Insurance Group' },
};

/** Hajj campaigns (companies serving domestic pilgrims). */
export const HAJJ_CAMPAIGNS: Named[] = [
  { ar: 'حملة الراجحي للحج', en: 'Al Rajhi Hajj Campaign' },
  { ar: 'حملة البيت العتيق', en: 'Al Bait Al Ateeq Campaign' },
  { ar: 'شركة رحلات الإيمان للحج', en: 'Rehlat Al Iman Hajj Company' },
  { ar: 'حملة أهل المدينة', en: 'Ahl Al Madinah Campaign' },
  { ar: 'شركة ضيوف الرحمن', en: 'Duyuf Al Rahman Company' },
  { ar: 'حملة منى الخير', en: 'Mina Al Khair Campaign' },
];

/** Licensed recruitment offices. */
export const RECRUITMENT_OFFICES: Named[] = [
  { ar: 'مكتب الأمان للاستقدام', en: 'Al Aman Recruitment Office' },
  { ar: 'مكتب الخليج للاستقدام', en: 'Al Khaleej Recruitment Office' },
  { ar: 'شركة ساعد للاستقدام', en: 'Saed Recruitment Company' },
  { ar: 'مكتب النخبة للاستقدام', en: 'Al Nukhba Recruitment Office' },
  { ar: 'شركة مهارة للموارد البشرية', en: 'Maharah Human Resources' },
  { ar: 'مكتب الوفاء للاستقدام', en: 'Al Wafa Recruitment Office' },
];

/** Where fingerprints are taken after arrival: the passports office of the city. */
export const passportsOffice = (city: Named): Named => ({ ar: `إدارة الجوازات - ${city.ar}`, en: `Passports office - ${city.en}` });
