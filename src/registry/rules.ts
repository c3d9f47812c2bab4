/**
 * Rules of record the registry's data obeys and the services that read it apply, kept in one
 * place so that the population generator and the inquiries cannot drift apart.
 */

/** Hajj once every this many Hijri years: performed in the season Y, eligible again from Y + 5. */
export const HAJJ_EVERY_HIJRI_YEARS = 5;
