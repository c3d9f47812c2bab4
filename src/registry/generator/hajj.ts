import { hijriToGregorian } from '../../kernel/dates.js';
import type { HajjPermitStatus } from '../../db/tables.js';
import type { Builder, PersonRef } from './builder.js';
import { HAJJ_CAMPAIGNS } from './data/inquiries.js';
import { dateText, dayNumber, hijriYear, yearsToDays } from './dates.js';
import { RECORD_NUMBER_SLOTS, recordNumber, rowId, TABLE_CODE } from './identifiers.js';
import { HAJJ_EVERY_HIJRI_YEARS } from '../rules.js';

/**
 * Hajj: the seasons a citizen performed it (more often the older they are) and permits: a
 * used one for the last season's pilgrims, and for about 1% of adults who may go again (none
 * in the last 4 seasons) a permit for the season to come. Draws from `b.extra` (see Builder).
 */


function performedShare(age: number): number {
  return age < 25 ? 0.04 : age < 40 ? 0.15 : age < 60 ? 0.3 : 0.45;
}

const hajjDays = new Map<number, number>();
/** The Gregorian day of 8 Dhu al-Hijjah of a Hijri year (the first day of Hajj). */
function hajjDay(year: number): number {
  let day = hajjDays.get(year);
  if (day === undefined) hajjDays.set(year, (day = dayNumber(hijriToGregorian({ year, month: 12, day: 8 })!)));
  return day;
}

export function addHajjRecord(b: Builder, p: PersonRef): void {
  if (p.row.deceased) return;
  const x = b.extra;
  const age = b.ageYears(p.birthDay);
  const lastSeason = b.hajjSeason - 1;
  let lastPerformed = 0;
  if (x.chance(performedShare(age))) {
    const first = hijriYear(p.birthDay + yearsToDays(18));
    if (first <= lastSeason) {
      const years = new Set([x.int(first, lastSeason)]);
      if (x.chance(0.2)) years.add(x.int(first, lastSeason));
      for (const year of [...years].sort()) {
        b.rows.hajj_performances.push({ id: rowId(p.time, p.nid9, TABLE_CODE.hajjPerformance, p.slots.hajj++), person_id: p.id, hijri_year: year });
        lastPerformed = year;
      }
      if (lastPerformed === lastSeason) addPermit(b, p, lastSeason, 'used', hajjDay(lastSeason) - x.int(20, 120));
    }
  }
  const mayGo = lastPerformed === 0 || b.hajjSeason - lastPerformed >= HAJJ_EVERY_HIJRI_YEARS;
  if (mayGo && p.row.inside_kingdom && x.chance(0.012)) {
    // Issued after the last season's Hajj.
    addPermit(b, p, b.hajjSeason, x.chance(0.9) ? 'issued' : 'cancelled', Math.max(hajjDay(lastSeason) + 10, b.asOf - x.int(1, 150)));
  }
}

function addPermit(b: Builder, p: PersonRef, season: number, status: HajjPermitStatus, issuedDay: number): void {
  if (p.slots.hajjPermit >= RECORD_NUMBER_SLOTS) return;
  const campaign = b.extra.pick(HAJJ_CAMPAIGNS);
  const slot = p.slots.hajjPermit++;
  b.rows.hajj_permits.push({
    id: rowId(p.time, p.nid9, TABLE_CODE.hajjPermit, slot),
    number: recordNumber('hajj_permit', p.nid9, slot),
    person_id: p.id,
    season_hijri_year: season,
    campaign_ar: campaign.ar,
    campaign_en: campaign.en,
    status,
    issued_on: dateText(Math.min(b.asOf, issuedDay)),
  });
}
