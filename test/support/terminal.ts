import type { Terminal } from '../../src/cli/command.js';

/** A terminal that keeps what a command printed, for tests of the command line. */
export function captureTerminal(): Terminal & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), isTTY: false, progress: () => {} };
}
