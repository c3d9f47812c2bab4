/** Logs carry no personal data in clear: ID numbers in URLs are masked. */
export function maskNationalIdsIn(text: string): string {
  return text.replace(/(?<![0-9])([1-4])[0-9]{7}([0-9]{2})(?![0-9])/g, '$1*******$2');
}
