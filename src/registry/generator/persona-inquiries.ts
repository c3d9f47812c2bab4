import type { PersonRef } from './builder.js';
import { HAJJ_CAMPAIGNS, HEALTH_INSURERS, PORTS, RECRUITMENT_OFFICES, passportsOffice, type Named } from './data/inquiries.js';
import { hajjSeasonOn, hijriYear } from './dates.js';
import { passportNumber } from './identifiers.js';
import type { PersonaKit } from './persona-kit.js';
import {
  biometrics, crossing, employment, exitReentryVisa, hajjPerformed, hajjPermit, healthInsurance, recruitmentRequest, workVisa,
} from './persona-records.js';

/**
 * What the inquiries show for the personas, group by group: each inquiry has something to show
 * for some persona and nothing for another.
 *
 * - guardian: performed Hajj 8 Hijri years ago (may go again); his wife 2 years ago (may not).
 * - sponsor: a housemaid who arrived 10 days ago on his work visa (border number, no iqama yet),
 *   with her entry, biometrics, insurance and contract, and the completed recruitment request
 *   behind it; his housemaid's trip abroad and return; another request in progress.
 * - establishment-owner: the establishment's visas (used, issued, cancelled) and recruitment
 *   requests, its workers' entries, biometrics, insurance and contracts; its electrician is
 *   abroad on a valid exit/re-entry visa and not back yet.
 * - renewed-passport: his entry, a trip on an exit/re-entry visa (on his old passport),
 *   biometrics, insurance and his contract with the establishment owner.
 * - violator: performed Hajj 2 Hijri years ago (may not go); guarantor: a permit for the season to come.
 */

const port = (i: number): Named => PORTS[i]![0];
const RUH = port(0);
const JED = port(1);
const insurer = (i: number): Named => HEALTH_INSURERS[i]![0];
const BUPA = insurer(0);
const TAWUNIYA = insurer(1);
const RIYADH_OFFICE = passportsOffice({ ar: 'الرياض', en: 'Riyadh' });
const JEDDAH_OFFICE = passportsOffice({ ar: 'جدة', en: 'Jeddah' });
const occupation = (ar: string, en: string): Named => ({ ar, en });
const HOUSEMAID = occupation('عاملة منزلية', 'Housemaid');
const LABOURER = occupation('عامل', 'Labourer');

/** The number of a persona's passport, as persona-kit's `passport()` gives it. */
const passportOf = (p: PersonRef, prefix: string, generation = 0) => passportNumber(prefix, p.nid9, generation);

export function guardianInquiries(kit: PersonaKit, people: { father: PersonRef; mother: PersonRef }): void {
  const year = hijriYear(kit.asOf);
  hajjPerformed(kit, people.father, year - 8);
  hajjPerformed(kit, people.mother, year - 2);
}

export function sponsorInquiries(kit: PersonaKit, people: { sponsor: PersonRef; maid: PersonRef; driver: PersonRef; newMaid: PersonRef }): void {
  const { sponsor, maid, driver, newMaid } = people;
  const household = { owner: sponsor };

  // The housemaid: arrived two years ago; a trip home on an exit/re-entry visa, back since.
  crossing(kit, maid, { direction: 'entry', daysAgo: 730, minute: 290, port: RUH, passport: passportOf(maid, 'PH'), visaKind: 'work' });
  const trip = exitReentryVisa(kit, maid, { slot: 0, issuedDaysAgo: 200, durationDays: 90, visaType: 'single', visaStatus: 'returned' });
  crossing(kit, maid, { direction: 'exit', daysAgo: 190, minute: 130, port: RUH, passport: passportOf(maid, 'PH'), visaKind: 'exit_reentry', visaNumber: trip });
  crossing(kit, maid, { direction: 'entry', daysAgo: 150, minute: 1310, port: RUH, passport: passportOf(maid, 'PH'), visaKind: 'exit_reentry', visaNumber: trip });
  biometrics(kit, maid, 725, RIYADH_OFFICE);
  healthInsurance(kit, maid, BUPA, 'C', 100, 265);
  employment(kit, maid, { employer: household, occupation: HOUSEMAID, startedDaysAgo: 730, wageSar: 1800 });

  // The driver came years ago for another sponsor (his one past transfer).
  crossing(kit, driver, { direction: 'entry', daysAgo: 1400, minute: 500, port: JED, passport: passportOf(driver, 'N'), visaKind: 'work' });
  biometrics(kit, driver, 1395, JEDDAH_OFFICE);
  healthInsurance(kit, driver, TAWUNIYA, 'C', 300, 65);
  employment(kit, driver, { employer: household, occupation: occupation('سائق خاص', 'Private driver'), startedDaysAgo: 300, wageSar: 2200 });

  // A housemaid recruited through an office, arrived 10 days ago on his visa: no iqama yet.
  const office = RECRUITMENT_OFFICES[2]!;
  const visa = workVisa(kit, household, { occupation: HOUSEMAID, nationality: 'KEN', status: 'used', issuedDaysAgo: 75, worker: newMaid, usedDaysAgo: 10 });
  recruitmentRequest(kit, household, { office, nationality: 'KEN', occupation: HOUSEMAID, status: 'completed', submittedDaysAgo: 110, closedDaysAgo: 75, visaId: visa.id });
  recruitmentRequest(kit, household, { office, nationality: 'PHL', occupation: occupation('طباخ منزلي', 'Cook'), status: 'in_progress', submittedDaysAgo: 20 });
  crossing(kit, newMaid, { direction: 'entry', daysAgo: 10, minute: 245, port: RUH, passport: passportOf(newMaid, 'AK'), visaKind: 'work', visaNumber: visa.number });
  biometrics(kit, newMaid, 10, RUH);
  healthInsurance(kit, newMaid, BUPA, 'C', 10, 355);
  employment(kit, newMaid, { employer: household, occupation: HOUSEMAID, startedDaysAgo: 10, wageSar: 1600 });
}

/** The establishment's workers by persona key, with their passport prefix (as persona-households gives them). */
export interface EstablishmentWorker {
  key: 'labourer' | 'electrician' | 'accountant' | 'truckDriver';
  person: PersonRef;
  prefix: string;
  occupation: Named;
}

export function establishmentInquiries(
  kit: PersonaKit,
  people: { owner: PersonRef; establishmentId: string; workers: EstablishmentWorker[]; driver: PersonRef },
): void {
  const { owner, establishmentId, workers, driver } = people;
  const establishment = { owner, establishmentId };
  const wages = { labourer: 1500, electrician: 2800, accountant: 7500, truckDriver: 3200 };

  // The labourer came on one of its visas; the others transferred to it.
  const used = workVisa(kit, establishment, { occupation: LABOURER, nationality: 'BGD', status: 'used', issuedDaysAgo: 960, worker: workers[0]!.person, usedDaysAgo: 900 });
  for (const { key, person, prefix, occupation: job } of workers) {
    const visaNumber = key === 'labourer' ? used.number : undefined;
    crossing(kit, person, { direction: 'entry', daysAgo: 900, minute: 180 + person.nid9 % 600, port: JED, passport: passportOf(person, prefix), visaKind: 'work', visaNumber });
    biometrics(kit, person, 895, JEDDAH_OFFICE);
    // The accountant's policy lapsed with his iqama.
    if (key === 'accountant') healthInsurance(kit, person, TAWUNIYA, 'B', 375, -10);
    else healthInsurance(kit, person, TAWUNIYA, 'C', 120, 245);
    employment(kit, person, { employer: establishment, occupation: job, startedDaysAgo: 900, wageSar: wages[key] });
    if (key === 'electrician') {
      // On leave abroad: left 20 days ago on a single exit/re-entry visa, due back within 70 days.
      person.row.inside_kingdom = false;
      const visa = exitReentryVisa(kit, person, { slot: 0, issuedDaysAgo: 25, durationDays: 90, visaType: 'single', visaStatus: 'used' });
      crossing(kit, person, { direction: 'exit', daysAgo: 20, minute: 95, port: JED, passport: passportOf(person, prefix), visaKind: 'exit_reentry', visaNumber: visa });
    }
  }

  const office = RECRUITMENT_OFFICES[0]!;
  const waiting = workVisa(kit, establishment, { occupation: LABOURER, nationality: 'NPL', status: 'issued', issuedDaysAgo: 40 });
  workVisa(kit, establishment, { occupation: occupation('مهندس مدني', 'Civil engineer'), nationality: 'EGY', status: 'issued', issuedDaysAgo: 15 });
  workVisa(kit, establishment, { occupation: occupation('سباك', 'Plumber'), nationality: 'BGD', status: 'cancelled', issuedDaysAgo: 200 });
  recruitmentRequest(kit, establishment, { office, nationality: 'NPL', occupation: LABOURER, status: 'completed', submittedDaysAgo: 70, closedDaysAgo: 40, visaId: waiting.id });
  recruitmentRequest(kit, establishment, { office, nationality: 'IND', occupation: occupation('فني كهرباء', 'Electrician'), status: 'in_progress', submittedDaysAgo: 12 });

  // The owner's private driver (the renewed-passport persona): came three years ago, travelled on his old passport.
  const oldPassport = passportOf(driver, 'P', 1);
  crossing(kit, driver, { direction: 'entry', daysAgo: 3 * 365, minute: 610, port: JED, passport: oldPassport, visaKind: 'work' });
  const trip = exitReentryVisa(kit, driver, { slot: 0, issuedDaysAgo: 220, durationDays: 90, visaType: 'multiple', visaStatus: 'returned' });
  crossing(kit, driver, { direction: 'exit', daysAgo: 210, minute: 80, port: JED, passport: oldPassport, visaKind: 'exit_reentry', visaNumber: trip });
  crossing(kit, driver, { direction: 'entry', daysAgo: 180, minute: 1250, port: JED, passport: oldPassport, visaKind: 'exit_reentry', visaNumber: trip });
  biometrics(kit, driver, 3 * 365 - 5, JEDDAH_OFFICE);
  healthInsurance(kit, driver, TAWUNIYA, 'B', 200, 165);
  employment(kit, driver, { employer: { owner }, occupation: occupation('سائق خاص', 'Private driver'), startedDaysAgo: 3 * 365, wageSar: 2500 });
}

export function violatorInquiries(kit: PersonaKit, violator: PersonRef): void {
  hajjPerformed(kit, violator, hijriYear(kit.asOf) - 2);
}

export function guarantorInquiries(kit: PersonaKit, guarantor: PersonRef): void {
  hajjPermit(kit, guarantor, { season: hajjSeasonOn(kit.asOf), campaign: HAJJ_CAMPAIGNS[0]!, status: 'issued', issuedDaysAgo: 20 });
}
