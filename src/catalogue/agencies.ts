/** The agencies whose services the platform offers. Services name their agency by id. */
export const agencies = ['passports', 'traffic', 'civil-affairs', 'recruitment', 'general'] as const;
export type AgencyId = (typeof agencies)[number];

export function isAgencyId(value: string): value is AgencyId {
  return (agencies as readonly string[]).includes(value);
}
