import type { PersonRef } from './builder.js';
import { personScopedNumber } from './identifiers.js';
import { toNid9 } from './pools.js';
import { establishmentInquiries, guarantorInquiries, guardianInquiries, sponsorInquiries, violatorInquiries, type EstablishmentWorker } from './persona-inquiries.js';
import { PersonaKit, type KitPerson, type PersonaAddress } from './persona-kit.js';

/**
 * The demo personas and everyone around them, with fixed national IDs (tails below 10,000,
 * which the generator never hands out) and mobiles 050000xxxx. Ages are [years, days] on the
 * reference day; see personas.ts for why that day is the first start.
 */

export interface PersonaPerson extends Omit<KitPerson, 'birthDay' | 'mobile'> {
  age: [number, number];
  mobile: string;
}

const n = (ar: string, en: string) => ({ ar, en });
const OLAYA: PersonaAddress = { city: 'الرياض', district: 'العليا', street: 'طريق الملك فهد', building: '2451', postalCode: '12211', additional: '7788' };
const YASMIN: PersonaAddress = { city: 'الرياض', district: 'الياسمين', street: 'شارع الأمير سلطان', building: '3920', postalCode: '13325', additional: '4102' };
const NARJIS: PersonaAddress = { city: 'الرياض', district: 'النرجس', street: 'شارع الملك سلمان', building: '6614', postalCode: '13327', additional: '2290' };
const RAWDAH_JEDDAH: PersonaAddress = { city: 'جدة', district: 'الروضة', street: 'شارع التحلية', building: '8123', postalCode: '23435', additional: '3306' };
const SAFA_JEDDAH: PersonaAddress = { city: 'جدة', district: 'الصفا', street: 'شارع الصناعة', building: '5507', postalCode: '23453', additional: '1174' };
const FAISALIYAH_DAMMAM: PersonaAddress = { city: 'الدمام', district: 'الفيصلية', street: 'شارع الخليج', building: '4310', postalCode: '32272', additional: '6651' };

const saudi = (tail: number, sex: 'male' | 'female', first: [string, string], father: [string, string], grandfather: [string, string], family: [string, string], age: [number, number], address: PersonaAddress, mobile: string, marital: PersonaPerson['marital'] = 'married'): PersonaPerson => ({
  tail, type: 1, sex, nationality: 'SAU', marital, first: n(...first), father: n(...father), grandfather: n(...grandfather), family: n(...family), age, address, mobile,
});
const visitor = (tail: number, sex: 'male' | 'female', nationality: string, first: [string, string], family: [string, string], age: [number, number], address: PersonaAddress, mobile: string, marital: PersonaPerson['marital']): PersonaPerson => ({
  tail, type: 3, sex, nationality, marital, first: n(...first), family: n(...family), age, address, mobile,
});
const resident = (tail: number, sex: 'male' | 'female', nationality: string, first: [string, string], family: [string, string], age: [number, number], address: PersonaAddress, mobile: string, marital: PersonaPerson['marital']): PersonaPerson => ({
  tail, type: 2, sex, nationality, marital, first: n(...first), family: n(...family), age, address, mobile,
});

const QAHTANI: [string, string] = ['القحطاني', 'Al-Qahtani'];
const ABDULLAH: [string, string] = ['عبدالله', 'Abdullah'];
const MOHAMMED: [string, string] = ['محمد', 'Mohammed'];

/** Persons by key; the first ten are the personas listed by demoPersonas(). */
export const PERSONA_PEOPLE = {
  guardian: { ...saudi(1, 'male', ABDULLAH, MOHAMMED, ['سعد', 'Saad'], QAHTANI, [48, 120], OLAYA, '0500000001'), email: 'abdullah.alqahtani@example.com' },
  sponsor: saudi(2, 'male', ['فهد', 'Fahad'], ['سلمان', 'Salman'], ['متعب', 'Mutaib'], ['الشمري', 'Al-Shammari'], [41, 75], YASMIN, '0500000002'),
  violator: saudi(3, 'male', ['ماجد', 'Majed'], ['سعود', 'Saud'], ['حمد', 'Hamad'], ['الحربي', 'Al-Harbi'], [31, 20], NARJIS, '0500000003', 'single'),
  trafficCase: saudi(4, 'male', ['نايف', 'Naif'], ['مشعل', 'Mishal'], ['راشد', 'Rashid'], ['السبيعي', 'Al-Subaie'], [35, 300], FAISALIYAH_DAMMAM, '0500000004'),
  establishmentOwner: saudi(5, 'male', ['خالد', 'Khalid'], ['إبراهيم', 'Ibrahim'], ['علي', 'Ali'], ['الزهراني', 'Al-Zahrani'], [52, 40], RAWDAH_JEDDAH, '0500000005'),
  officerPassports: saudi(6, 'female', ['منيرة', 'Munira'], ABDULLAH, ['صالح', 'Saleh'], ['السالم', 'Al-Salem'], [37, 90], OLAYA, '0500000006'),
  officerTraffic: saudi(7, 'male', ['سعود', 'Saud'], ['ناصر', 'Nasser'], ['بندر', 'Bandar'], ['المطيري', 'Al-Mutairi'], [42, 10], NARJIS, '0500000007'),
  officerCivilAffairs: saudi(8, 'female', ['هند', 'Hind'], ['فهد', 'Fahad'], ['سعيد', 'Saeed'], ['الشهري', 'Al-Shehri'], [33, 160], YASMIN, '0500000008'),
  renewedPassport: resident(1, 'male', 'PAK', ['عمران', 'Imran'], ['أختر', 'Akhtar'], [36, 210], RAWDAH_JEDDAH, '0500000009', 'married'),
  // The traffic-case persona's brother, who can stand bail for him (the last free 050000000x mobile).
  guarantor: saudi(9, 'male', ['سلطان', 'Sultan'], ['مشعل', 'Mishal'], ['راشد', 'Rashid'], ['السبيعي', 'Al-Subaie'], [38, 45], FAISALIYAH_DAMMAM, '0500000000'),
  // Relatives, workers and the other party of the traffic case.
  guardianWife: saudi(101, 'female', ['نورة', 'Noura'], ['ناصر', 'Nasser'], ['فهد', 'Fahad'], ['العتيبي', 'Al-Otaibi'], [44, 200], OLAYA, '0500000101'),
  guardianSon22: saudi(102, 'male', ['سعد', 'Saad'], ABDULLAH, MOHAMMED, QAHTANI, [22, 60], OLAYA, '0500000102', 'single'),
  guardianDaughter19: saudi(103, 'female', ['سارة', 'Sarah'], ABDULLAH, MOHAMMED, QAHTANI, [19, 120], NARJIS, '0500000103'),
  guardianSon17: saudi(104, 'male', ['فيصل', 'Faisal'], ABDULLAH, MOHAMMED, QAHTANI, [17, 150], OLAYA, '0500000104', 'single'),
  daughterHusband: saudi(105, 'male', ['تركي', 'Turki'], ['سلطان', 'Sultan'], ['عبدالعزيز', 'Abdulaziz'], ['الدوسري', 'Al-Dosari'], [26, 30], NARJIS, '0500000105'),
  sponsorWife: saudi(111, 'female', ['ريم', 'Reem'], ['خالد', 'Khalid'], ['سعد', 'Saad'], ['الشمري', 'Al-Shammari'], [38, 45], YASMIN, '0500000111'),
  otherParty: saudi(121, 'male', ['عبدالرحمن', 'Abdulrahman'], ['علي', 'Ali'], ['حسن', 'Hassan'], ['الغامدي', 'Al-Ghamdi'], [44, 5], FAISALIYAH_DAMMAM, '0500000121'),
  housemaid: resident(101, 'female', 'PHL', ['ماريا', 'Maria'], ['سانتوس', 'Santos'], [34, 50], YASMIN, '0500000201', 'single'),
  driver: resident(102, 'male', 'IND', ['راجيش', 'Rajesh'], ['كومار', 'Kumar'], [39, 130], YASMIN, '0500000202', 'married'),
  labourer: resident(111, 'male', 'BGD', ['شهيدول', 'Shahidul'], ['إسلام', 'Islam'], [29, 15], SAFA_JEDDAH, '0500000211', 'married'),
  electrician: resident(112, 'male', 'IND', ['أنيل', 'Anil'], ['ناير', 'Nair'], [33, 70], SAFA_JEDDAH, '0500000212', 'married'),
  accountant: resident(113, 'male', 'EGY', ['محمود', 'Mahmoud'], ['عبدالفتاح', 'Abdelfattah'], [40, 200], SAFA_JEDDAH, '0500000213', 'married'),
  truckDriver: resident(114, 'male', 'PAK', ['زاهد', 'Zahid'], ['إقبال', 'Iqbal'], [45, 100], SAFA_JEDDAH, '0500000214', 'married'),
  // The sponsor's newly arrived housemaid: a border number until her iqama is issued.
  newHousemaid: visitor(101, 'female', 'KEN', ['جريس', 'Grace'], ['وانجيرو', 'Wanjiru'], [27, 80], YASMIN, '0500000203', 'single'),
} satisfies Record<string, PersonaPerson>;

export type PersonaPersonKey = keyof typeof PERSONA_PEOPLE;

export function personaNationalId(key: PersonaPersonKey): string {
  const p = PERSONA_PEOPLE[key];
  return PersonaKit.nationalId(p.type, p.tail);
}

/** The number of the traffic-case persona's open case (his first case), which the guarantor enters. */
export function personaTrafficCaseNumber(): string {
  const p = PERSONA_PEOPLE.trafficCase;
  return personScopedNumber('traffic_case', toNid9(p.type, p.tail), 0);
}

function add(kit: PersonaKit, key: PersonaPersonKey): PersonRef {
  const { age, ...spec } = PERSONA_PEOPLE[key] as PersonaPerson;
  return kit.person({ ...spec, birthDay: kit.born(age[0], age[1]) });
}

const camry = { make: 'Toyota', model: 'Camry', year: 2022, colourAr: 'فضي', colourEn: 'Silver' };
const occupation = (ar: string, en: string) => ({ ar, en });

/** A group of persons written together, skipped when its anchor (first persona) exists. */
export interface PersonaGroup {
  anchor: string;
  build: (kit: PersonaKit) => void;
}

export const PERSONA_GROUPS: PersonaGroup[] = [
  {
    // A father with a 22-year-old son, a married 19-year-old daughter and a 17-year-old son in his guardianship.
    anchor: personaNationalId('guardian'),
    build(kit) {
      const father = add(kit, 'guardian');
      const mother = add(kit, 'guardianWife');
      kit.marry(father, mother, kit.day(-24 * 365));
      for (const [p, idIssued, passportIssued] of [[father, 1200, 900], [mother, 2000, 900]] as const) {
        kit.identityCard(p, idIssued);
        kit.passport(p, passportIssued, 10);
      }
      kit.licence(father, 1600);
      kit.vehicle(father, 0, { make: 'Toyota', model: 'Land Cruiser', year: 2023, colourAr: 'أبيض', colourEn: 'White' });
      const children: Array<[PersonRef, number, number]> = [
        [add(kit, 'guardianSon22'), 1300, 400],
        [add(kit, 'guardianDaughter19'), 900, 300],
        [add(kit, 'guardianSon17'), 850, 250],
      ];
      for (const [child, idIssued, passportIssued] of children) {
        kit.child(child, father, mother);
        kit.identityCard(child, idIssued);
        kit.passport(child, passportIssued, 5);
      }
      const husband = add(kit, 'daughterHusband');
      kit.identityCard(husband, 1800);
      kit.marry(husband, children[1]![0], kit.day(-200));
      guardianInquiries(kit, { father, mother });
    },
  },
  {
    // A sponsor with two domestic workers: a housemaid (no past transfer) and a driver (one).
    anchor: personaNationalId('sponsor'),
    build(kit) {
      const sponsor = add(kit, 'sponsor');
      const wife = add(kit, 'sponsorWife');
      kit.marry(sponsor, wife, kit.day(-14 * 365));
      kit.identityCard(sponsor, 700);
      kit.identityCard(wife, 1500);
      kit.passport(sponsor, 1100, 10);
      kit.licence(sponsor, 900);
      const car = kit.vehicle(sponsor, 1, { make: 'GMC', model: 'Yukon', year: 2022, colourAr: 'أسود', colourEn: 'Black' });
      const maid = add(kit, 'housemaid');
      kit.sponsorship(maid, { person: sponsor, occupation: occupation('عاملة منزلية', 'Housemaid'), domestic: true, pastTransfers: 0, startedDaysAgo: 730 });
      kit.identityCard(maid, 120);
      kit.passport(maid, 700, 10, { prefix: 'PH' });
      const driver = add(kit, 'driver');
      kit.sponsorship(driver, { person: sponsor, occupation: occupation('سائق خاص', 'Private driver'), domestic: true, pastTransfers: 1, startedDaysAgo: 300 });
      kit.identityCard(driver, 60);
      kit.passport(driver, 1500, 10, { prefix: 'N' });
      kit.licence(driver, 400);
      kit.vehicleUser(car, driver);
      const newMaid = add(kit, 'newHousemaid');
      kit.passport(newMaid, 200, 10, { prefix: 'AK' });
      sponsorInquiries(kit, { sponsor, maid, driver, newMaid });
    },
  },
  {
    // An establishment with four workers (one iqama expiring soon, one expired), and the owner's
    // own driver, whose renewed passport is recorded beside the cancelled old one.
    anchor: personaNationalId('establishmentOwner'),
    build(kit) {
      const owner = add(kit, 'establishmentOwner');
      kit.identityCard(owner, 2500);
      kit.passport(owner, 1000, 10);
      kit.licence(owner, 3000);
      kit.vehicle(owner, 3, { make: 'Lexus', model: 'ES 350', year: 2024, colourAr: 'أبيض', colourEn: 'White' });
      const establishment = kit.establishment(owner, 'مؤسسة خالد الزهراني للمقاولات', 'Khalid Al-Zahrani Contracting Est.');
      const workers: Array<[PersonaPersonKey, string, string, number, string]> = [
        ['labourer', 'عامل', 'Labourer', 345, 'B'],
        ['electrician', 'فني كهرباء', 'Electrician', 100, 'N'],
        ['accountant', 'محاسب', 'Accountant', 375, 'E'],
        ['truckDriver', 'سائق شاحنة', 'Truck driver', 200, 'P'],
      ];
      const staff: EstablishmentWorker[] = [];
      for (const [key, ar, en, iqamaIssued, prefix] of workers) {
        const worker = add(kit, key);
        staff.push({ key: key as EstablishmentWorker['key'], person: worker, prefix, occupation: occupation(ar, en) });
        kit.sponsorship(worker, { establishmentId: establishment, occupation: occupation(ar, en), domestic: false, pastTransfers: 0, startedDaysAgo: 900 });
        kit.identityCard(worker, iqamaIssued);
        kit.passport(worker, 1200, 10, { prefix });
        if (key === 'truckDriver') {
          kit.licence(worker, 500, 'heavy_transport');
          const truck = kit.vehicle(owner, 2, { make: 'Isuzu', model: 'NPR', year: 2021, colourAr: 'أبيض', colourEn: 'White' }, establishment, 'third_party');
          kit.vehicleUser(truck, worker);
        }
      }
      const driver = add(kit, 'renewedPassport');
      kit.sponsorship(driver, { person: owner, occupation: occupation('سائق خاص', 'Private driver'), domestic: true, pastTransfers: 0, startedDaysAgo: 3 * 365 });
      kit.identityCard(driver, 90);
      kit.passport(driver, 5 * 365 - 25, 5, { prefix: 'P', generation: 1, status: 'cancelled' });
      kit.passport(driver, 30, 10, { prefix: 'P' });
      kit.licence(driver, 700);
      establishmentInquiries(kit, { owner, establishmentId: establishment, workers: staff, driver });
    },
  },
  {
    // Several unpaid violations and an active traffic suspension lifted by paying them.
    anchor: personaNationalId('violator'),
    build(kit) {
      const p = add(kit, 'violator');
      kit.identityCard(p, 1000);
      kit.licence(p, 2200);
      const car = kit.vehicle(p, 4, { make: 'Hyundai', model: 'Elantra', year: 2020, colourAr: 'أحمر', colourEn: 'Red' }, null, 'third_party');
      kit.violation(p, 'speeding_20_30', car, 40, 'unpaid');
      kit.violation(p, 'red_light', car, 25, 'unpaid');
      kit.violation(p, 'mobile_phone', car, 12, 'unpaid');
      kit.violation(p, 'no_parking', car, 5, 'unpaid');
      kit.violation(p, 'seat_belt', car, 200, 'paid');
      kit.suspension(p, 'traffic', 6, 4471321);
      violatorInquiries(kit, p);
    },
  },
  {
    // An open accident case: the persona is the driver at fault, in custody; bail is allowed. His
    // brother, a citizen inside the Kingdom with no restriction, can stand bail for him.
    anchor: personaNationalId('trafficCase'),
    build(kit) {
      const p = add(kit, 'trafficCase');
      const other = add(kit, 'otherParty');
      for (const person of [p, other]) {
        kit.identityCard(person, 1400);
        kit.licence(person, 1900);
      }
      const brother = add(kit, 'guarantor');
      kit.identityCard(brother, 1600);
      kit.licence(brother, 2100);
      kit.vehicle(p, 5, camry, null, 'third_party');
      kit.vehicle(other, 6, { make: 'Nissan', model: 'Patrol', year: 2019, colourAr: 'بيج', colourEn: 'Beige' });
      kit.trafficCase(p, other, 'driver', 2, { ar: 'تصادم بين مركبتين عند إشارة ضوئية', en: 'Collision between two vehicles at traffic lights' });
      guarantorInquiries(kit, brother);
    },
  },
  ...(['officerPassports', 'officerTraffic', 'officerCivilAffairs'] as const).map((key) => ({
    anchor: personaNationalId(key),
    build(kit: PersonaKit) {
      const officer = add(kit, key);
      kit.identityCard(officer, 1100);
      kit.passport(officer, 800, 10);
    },
  })),
];
