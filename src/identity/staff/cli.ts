import readline from 'node:readline';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { UsageError, type Command, type CommandContext } from '../../cli/command.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { Database } from '../../db/tables.js';
import { systemClock, type Clock } from '../../kernel/clock.js';
import { isAppError } from '../../kernel/errors.js';
import { translate } from '../../kernel/i18n/index.js';
import { mobileSchema, usernameSchema } from '../schemas.js';
import { createStaffAccount, STAFF_AGENCIES, STAFF_ROLES } from './accounts.js';

/**
 * `tayseer staff create`: makes a staff account, typically the first admin of an agency. It
 * never prompts (it runs in scripts and containers): the password comes from one line of
 * standard input with --password-stdin (never from an option, which would sit in the shell
 * history and the process list), or a strong one is generated and printed once.
 *
 * Exit codes: 0 created; 1 refused (weak password, username taken); 2 usage.
 */

const optionsSchema = z.object({
  username: usernameSchema,
  'name-ar': z.string().trim().min(1).max(200),
  'name-en': z.string().trim().min(1).max(200),
  mobile: mobileSchema,
  email: z.email().max(254).optional(),
  agency: z.enum(STAFF_AGENCIES),
  role: z.enum(STAFF_ROLES),
  language: z.enum(['ar', 'en']).optional(),
});

export interface StaffCreateIo {
  /** The database to use; by default the configured one is opened and migrated. */
  withDatabase?: <T>(ctx: CommandContext, use: (db: Kysely<Database>) => Promise<T>) => Promise<T>;
  /** One line of standard input (for --password-stdin). */
  readLine?: () => Promise<string>;
  clock?: Clock;
}

async function readOneLine(): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    rl.close();
  }
}

async function withConfiguredDatabase<T>(ctx: CommandContext, use: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const config = ctx.config();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    return await use(database.db);
  } finally {
    await database.close();
  }
}

function parseOptions(values: CommandContext['values']) {
  const parsed = optionsSchema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? '');
  throw new UsageError(values[name] === undefined ? `Missing --${name}.` : `Invalid --${name}: ${issue.message}.`);
}

export function makeStaffCreateCommand(io: StaffCreateIo = {}): Command {
  return {
    name: 'staff create',
    summary: 'Create a staff account (e.g. the first admin of an agency); the password from stdin or generated',
    usage: 'tayseer staff create --username U --name-ar NAME --name-en NAME --mobile 05XXXXXXXX --agency AGENCY --role ROLE [--email E] [--password-stdin]',
    options: {
      username: { type: 'string' },
      'name-ar': { type: 'string' },
      'name-en': { type: 'string' },
      mobile: { type: 'string' },
      email: { type: 'string' },
      agency: { type: 'string' },
      role: { type: 'string' },
      language: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    optionHelp: {
      username: '4-30 Latin letters, digits, . _ -',
      'name-ar': 'Name in Arabic',
      'name-en': 'Name in English',
      mobile: 'Mobile for sign-in codes, 05XXXXXXXX',
      email: 'E-mail address (optional)',
      agency: STAFF_AGENCIES.join(' | '),
      role: STAFF_ROLES.join(' | '),
      language: 'ar (default) | en: language of the SMS',
      'password-stdin': 'Read the password from the first line of standard input; otherwise one is generated and printed once',
    },
    run: async (ctx) => {
      const input = parseOptions(ctx.values);
      const password = ctx.values['password-stdin'] === true ? (await (io.readLine ?? readOneLine)()).replace(/\r?\n?$/, '') : undefined;
      if (password === '') throw new UsageError('--password-stdin: standard input had no password line.');
      return (io.withDatabase ?? withConfiguredDatabase)(ctx, async (db) => {
        try {
          const { staff, generatedPassword } = await createStaffAccount({
            db,
            clock: io.clock ?? systemClock,
            actor: { kind: 'operator' },
            input: { username: input.username, nameAr: input['name-ar'], nameEn: input['name-en'], mobile: input.mobile, email: input.email ?? null, agency: input.agency, role: input.role, language: input.language, password },
          });
          ctx.terminal.out(`Created staff account ${staff.username} (${staff.role}, ${staff.agency}), id ${staff.id}.`);
          if (generatedPassword) ctx.terminal.out(`Password (shown once, hand it over securely): ${generatedPassword}`);
          return 0;
        } catch (error) {
          if (!isAppError(error)) throw error;
          ctx.terminal.err(translate('en', error.messageKey, error.params));
          for (const field of error.fields) ctx.terminal.err(`  ${translate('en', field.key, field.params)}`);
          return 1;
        }
      });
    },
  };
}

export const staffCreateCommand = makeStaffCreateCommand();
