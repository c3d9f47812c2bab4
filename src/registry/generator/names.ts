import { SAUDI_FAMILY, SAUDI_FEMALE, SAUDI_MALE } from './data/saudi-names.js';
import { RESIDENT_NATIONALITIES } from './data/resident-names.js';

/** A name in both scripts. */
export interface Name {
  ar: string;
  en: string;
}

/** Parses the data files' "arabic=english, arabic=english" lists. */
export function parsePairs(list: string): Name[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const [ar, en] = entry.split('=').map((s) => s.trim());
      if (!ar || !en) throw new Error(`Bad name entry ${JSON.stringify(entry)}`);
      return { ar, en };
    });
}

export interface NameSet {
  male: Name[];
  female: Name[];
  family: Name[];
}

export const SAUDI_NAMES: NameSet = {
  male: parsePairs(SAUDI_MALE),
  female: parsePairs(SAUDI_FEMALE),
  family: parsePairs(SAUDI_FAMILY),
};

export interface Nationality extends NameSet {
  code: string;
  nameAr: string;
  nameEn: string;
  arabicNaming: boolean;
  passportPrefix: string;
}

export const NATIONALITIES: ReadonlyMap<string, Nationality> = new Map(
  RESIDENT_NATIONALITIES.map((n) => [
    n.code,
    {
      code: n.code,
      nameAr: n.nameAr,
      nameEn: n.nameEn,
      arabicNaming: n.arabicNaming,
      passportPrefix: n.passportPrefix,
      male: parsePairs(n.male),
      female: parsePairs(n.female),
      family: parsePairs(n.family),
    },
  ]),
);

export function nationality(code: string): Nationality {
  const found = NATIONALITIES.get(code);
  if (!found) throw new Error(`No names for nationality ${code}`);
  return found;
}
