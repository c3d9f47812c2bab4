/**
 * A PEM whose line breaks were written as `\n` (as secret stores and .env files keep them), with
 * real line breaks again; a PEM with line breaks is returned as it is (a PEM has no backslash of
 * its own).
 */
export function unescapePem(pem: string): string {
  return pem.includes('\n') ? pem : pem.replace(/\\n/g, '\n');
}
