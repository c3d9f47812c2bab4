import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.js';
import { UsageError, type Command, type Terminal } from './cli/command.js';
import { DatabaseUnreachableError } from './db/connect.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { describeOutage, isDatabaseUnavailable } from './db/unavailable.js';
import { serveCommand, migrateCommand } from './cli/core-commands.js';
import { workerCommand } from './jobs/cli.js';
import { paymentsReconcileCommand } from './payments/cli.js';
import { registryImportCommand } from './registry/cli.js';
import { registryConflictsCommand } from './registry/conflicts-cli.js';
import { seedCommand } from './registry/seed-cli.js';
import { auditCheckpointCommand, auditVerifyCommand } from './audit/index.js';
import { staffCreateCommand } from './identity/index.js';
import { proofsKeysCommand, proofsRotateKeyCommand } from './proofs/index.js';

/** tayseer <command> [options]: serve | migrate | seed | registry import | ... (`--help` on each). */

const commands: Command[] = [serveCommand, migrateCommand, seedCommand, registryImportCommand, auditVerifyCommand, auditCheckpointCommand, staffCreateCommand, workerCommand, paymentsReconcileCommand, registryConflictsCommand];

// Proof signing keys: list them, rotate the key file (ADR 0011).
commands.push(proofsKeysCommand, proofsRotateKeyCommand);

export function consoleTerminal(): Terminal {
  const isTTY = Boolean(process.stdout.isTTY);
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    isTTY,
    progress: (line) => {
      if (isTTY) process.stdout.write(`\r\x1b[2K${line}`);
    },
  };
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Tayseer (تيسير): e-government services platform',
    '',
    'Usage: tayseer <command> [options]        (from a checkout: npm run tayseer -- <command>)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `tayseer <command> --help` for the options of a command.',
    'Settings come from the environment (PORT, DATA_DIR, DATABASE_URL, ...): see docs/configuration.md.',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const lines = [`Usage: ${command.usage}`, '', command.summary];
  const options = Object.entries(command.options);
  if (options.length > 0) {
    lines.push('', 'Options:');
    for (const [name, spec] of options) {
      const flag = `--${name}${spec.type === 'string' ? ' <value>' : ''}`;
      lines.push(`  ${flag.padEnd(24)}  ${command.optionHelp?.[name] ?? ''}`.trimEnd());
    }
  }
  lines.push(`  ${'--help'.padEnd(24)}  Show this help`);
  return lines.join('\n');
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  for (const command of commands) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

export async function main(argv: string[], terminal: Terminal = consoleTerminal()): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    terminal.out(overview());
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    terminal.err(`Unknown command "${argv.join(' ')}". Run \`tayseer --help\` to see the commands.`);
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    terminal.out(commandHelp(command));
    return 0;
  }
  let config: Config | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    return await command.run({
      values: values as Record<string, string | boolean | undefined>,
      positionals,
      config: () => (config ??= loadConfig()),
      terminal,
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      terminal.err(error.message);
      return 78; // EX_CONFIG
    }
    if (error instanceof DataDirLockedError) {
      terminal.err(error.message);
      return 75; // EX_TEMPFAIL: try again once the other process has stopped
    }
    if (error instanceof DatabaseUnreachableError) {
      terminal.err(error.message);
      return 69; // EX_UNAVAILABLE
    }
    if (isDatabaseUnavailable(error)) {
      terminal.err(`Cannot reach the database (${describeOutage(error)}). Check that PostgreSQL is running and that DATABASE_URL names it.`);
      return 69;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      terminal.err(`${(error as Error).message.split('\n')[0]} Run \`tayseer ${command.name} --help\`.`);
      return 2;
    }
    throw error;
  }
}
