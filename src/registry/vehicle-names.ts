import type { Vehicle } from '../db/tables.js';

/**
 * A vehicle's name in each language. The registry keeps make and model as on the registration
 * card, in Latin letters; Arabic pages say the common makes and models as they are written in
 * Arabic (تويوتا كامري). A model that is a code (LX 600, CX-5) is written in Latin in Arabic too,
 * and a make or model not in these lists is shown as the registry has it.
 */

const MAKES_AR: Record<string, string> = {
  Toyota: 'تويوتا',
  Hyundai: 'هيونداي',
  Nissan: 'نيسان',
  Kia: 'كيا',
  Chevrolet: 'شيفروليه',
  GMC: 'جي إم سي',
  Ford: 'فورد',
  Lexus: 'لكزس',
  'Mercedes-Benz': 'مرسيدس بنز',
  Honda: 'هوندا',
  Mazda: 'مازدا',
  Changan: 'شانجان',
  Geely: 'جيلي',
  MG: 'إم جي',
  Isuzu: 'إيسوزو',
  Mitsubishi: 'ميتسوبيشي',
  BMW: 'بي إم دبليو',
  Audi: 'أودي',
  Volkswagen: 'فولكس فاجن',
  Dodge: 'دودج',
  Jeep: 'جيب',
  Suzuki: 'سوزوكي',
  Renault: 'رينو',
  Peugeot: 'بيجو',
};

const MODELS_AR: Record<string, string> = {
  Camry: 'كامري',
  'Land Cruiser': 'لاند كروزر',
  Hilux: 'هايلكس',
  Corolla: 'كورولا',
  Yaris: 'يارس',
  Prado: 'برادو',
  Fortuner: 'فورتشنر',
  Hiace: 'هايس',
  Accent: 'أكسنت',
  Elantra: 'إلنترا',
  Sonata: 'سوناتا',
  Tucson: 'توسان',
  Azera: 'أزيرا',
  Patrol: 'باترول',
  Sunny: 'صني',
  Altima: 'ألتيما',
  Cerato: 'سيراتو',
  Sportage: 'سبورتاج',
  Pegas: 'بيغاس',
  Tahoe: 'تاهو',
  Malibu: 'ماليبو',
  Yukon: 'يوكن',
  Sierra: 'سييرا',
  Taurus: 'توروس',
  Explorer: 'إكسبلورر',
  Accord: 'أكورد',
  Civic: 'سيفيك',
  Alsvin: 'ألسفن',
  Coolray: 'كولراي',
  Canter: 'كانتر',
};

/** "تويوتا كامري 2022" on Arabic pages, "Toyota Camry 2022" on English ones. */
export function vehicleName(vehicle: Pick<Vehicle, 'make' | 'model' | 'year'>, locale: 'ar' | 'en'): string {
  if (locale === 'en') return `${vehicle.make} ${vehicle.model} ${vehicle.year}`;
  return `${MAKES_AR[vehicle.make] ?? vehicle.make} ${MODELS_AR[vehicle.model] ?? vehicle.model} ${vehicle.year}`;
}
