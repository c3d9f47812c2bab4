import fs from 'node:fs';

/**
 * The resilience suite's figures (requests fuzzed, 5xx seen, writes acknowledged and found,
 * races run, double effects found...). Each test file reports what it measured; under
 * `npm run resilience` they are appended, one JSON line each, to the file named by
 * RESILIENCE_REPORT and printed together at the end. Under `npm test` nothing is written.
 */
export function reportFigures(suite: string, figures: Record<string, number>): void {
  const file = process.env.RESILIENCE_REPORT;
  if (!file) return;
  fs.appendFileSync(file, `${JSON.stringify({ suite, engine: process.env.DATABASE_URL ? 'postgres' : 'pglite', figures })}\n`);
}
