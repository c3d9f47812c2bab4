#!/usr/bin/env node
// The `tayseer` command. TypeScript sources run through tsx's loader, so a checkout
// and an installed package behave the same with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
