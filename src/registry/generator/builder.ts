import type { Sex } from '../../db/tables.js';
import { hajjSeasonOn } from './dates.js';
import { CITIES, STREETS, type City } from './data/places.js';
import { ROW_TIME_EPOCH_MS, nationalIdOf, rowId, TABLE_CODE, type MobileNumbers, type Nid9 } from './identifiers.js';
import { parsePairs, type Name } from './names.js';
import type { CheckedPool } from './pools.js';
import { toNid9 } from './pools.js';
import { Weighted, type Random } from './random.js';
import { emptyRowSet, type PersonRow, type RowSet } from './rows.js';

/**
 * The state shared by the household generators while one batch is built: the seeded random
 * stream, the reference date, the unique-value pools and the rows produced so far.
 * Building is synchronous; the pools are filled (and checked against the registry) before.
 */

export interface ViolationType {
  code: string;
  minAmount: number;
  maxAmount: number;
}

export interface Address {
  building: string;
  street: string;
  district: string;
  postalCode: string;
  additional: string;
  city: CityInfo;
}

export interface CityInfo {
  nameAr: string;
  nameEn: string;
  districts: Name[]; // ar = district, en = postal code
}

/** What the generators need to know about a person after the row is made. */
export interface PersonRef {
  row: PersonRow;
  id: string;
  nid9: Nid9;
  time: number;
  citizen: boolean;
  sex: Sex;
  birthDay: number;
  city: CityInfo;
  /** Next free slot per owned table (row keys and numbers derive from the owner's ID + slot). */
  slots: Slots;
  licensed: boolean;
  vehicleIds: string[];
  hasUnpaidViolations: boolean;
}

export interface Slots {
  document: number;
  vehicle: number;
  violation: number;
  marriage: number;
  establishment: number;
  suspension: number;
  case: number;
  crossing: number;
  /** Health insurance policies; slot 0 of the same table code is the biometrics row. */
  insurance: number;
  employment: number;
  /** Work visas and recruitment requests of this person or their establishments. */
  workVisa: number;
  recruitment: number;
  hajj: number;
  hajjPermit: number;
}

export function newSlots(): Slots {
  return {
    document: 0, vehicle: 0, violation: 0, marriage: 0, establishment: 0, suspension: 0, case: 0,
    crossing: 0, insurance: 1, employment: 0, workVisa: 0, recruitment: 0, hajj: 0, hajjPermit: 0,
  };
}

const CITY_INFOS: Array<[CityInfo, number]> = CITIES.map((c: City) => [
  { nameAr: c.nameAr, nameEn: c.nameEn, districts: parsePairs(c.districts) },
  c.weight,
]);
const STREET_NAMES = STREETS.split(',').map((s) => s.trim()).filter(Boolean);

export class Builder {
  rows: RowSet = emptyRowSet();
  people = 0;
  residents = 0;
  /** Saudi men who could own an establishment in this batch (owners stay in their workers' batch). */
  ownerCandidates: PersonRef[] = [];
  /** Licence holders of this batch, for traffic cases between two of them. */
  drivers: PersonRef[] = [];
  /** People made so far in the run: the time part of their row keys. */
  private ordinal = 0;
  readonly cities = new Weighted(CITY_INFOS);
  /** The Hajj season to come (an Umm al-Qura year): this year's until its Hajj is over. */
  readonly hajjSeason: number;

  constructor(
    readonly random: Random,
    readonly asOf: number,
    readonly citizenIds: CheckedPool,
    readonly residentIds: CheckedPool,
    readonly plates: CheckedPool,
    readonly mobiles: MobileNumbers,
    readonly violationTypes: ViolationType[],
    /**
     * A second stream for the records the inquiries read (travel, biometrics, insurance,
     * employment, visas, Hajj): drawing them from \`random\` would have changed every person
     * generated after the first of them, so the population stays the same people it was.
     */
    readonly extra: Random,
  ) {
    this.hajjSeason = hajjSeasonOn(asOf);
  }

  /** Starts a new batch (rows and per-batch lists), keeping the random stream and counters. */
  startBatch(): void {
    this.rows = emptyRowSet();
    this.people = 0;
    this.residents = 0;
    this.ownerCandidates = [];
    this.drivers = [];
  }

  /** Identity of the next person: national ID, row key and the time part of its row keys. */
  nextIdentity(citizen: boolean): { nid9: Nid9; nationalId: string; id: string; time: number } {
    const nid9 = citizen ? toNid9(1, this.citizenIds.take()) : toNid9(2, this.residentIds.take());
    const time = ROW_TIME_EPOCH_MS + this.ordinal++;
    return { nid9, nationalId: nationalIdOf(nid9), id: rowId(time, nid9, TABLE_CODE.person, 0), time };
  }

  randomAddress(city: CityInfo = this.cities.pick(this.random)): Address {
    const r = this.random;
    const district = r.pick(city.districts);
    return {
      building: String(r.int(1000, 9999)),
      street: r.pick(STREET_NAMES),
      district: district.ar,
      postalCode: district.en,
      additional: String(r.int(1000, 9999)),
      city,
    };
  }

  ageYears(birthDay: number): number {
    return (this.asOf - birthDay) / 365.2425;
  }
}
