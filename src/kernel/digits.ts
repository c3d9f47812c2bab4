/** Arabic-Indic (٠-٩) and Persian (۰-۹) digits, as Arabic phone keyboards type them, read as Latin digits. */
export function latinDigits(value: string): string {
  return value.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}
