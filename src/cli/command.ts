import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';

/** Terminal output for commands; tests pass their own to read what a command printed. */
export interface Terminal {
  out: (line: string) => void;
  err: (line: string) => void;
  /** True when stdout is a terminal (progress bars only then). */
  isTTY: boolean;
  /** Rewrite the current line (progress); a no-op when not a terminal. */
  progress: (line: string) => void;
}

export interface CommandContext {
  /** Parsed option values, as node:util parseArgs returns them. */
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  /** Loaded lazily: `--help` works even with a bad environment. */
  config: () => Config;
  terminal: Terminal;
}

/**
 * One CLI command. `name` may have two words ("registry import"). `run` returns the exit code.
 * Every command gets `--help` for free from its `usage` and `options`' descriptions.
 */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Help text per option name. */
  optionHelp?: Record<string, string>;
  allowPositionals?: boolean;
  run: (ctx: CommandContext) => Promise<number>;
}

/** A user mistake on the command line: printed as one line, exit code 2, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
