#!/usr/bin/env node
// The `tayseer` command. There is no separate build step: on first use (and whenever a source
// file changes) the TypeScript sources are bundled with esbuild into dist/tayseer.mjs, with
// dependencies left as plain imports. Plain Node then loads it, which starts about a second
// faster than transpiling every module on the fly. If the bundle cannot be written (a read-only
// install), the sources run through tsx's loader instead.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const srcDir = path.join(root, 'src');
const bundle = path.join(root, 'dist', 'tayseer.mjs');

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

async function ensureBundle() {
  if (process.env.TAYSEER_NO_BUNDLE === '1') return false;
  try {
    if (fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= newestSourceMtime(srcDir)) return true;
    const { build } = await import('esbuild');
    await build({
      entryPoints: [path.join(srcDir, 'cli.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      sourcemap: 'linked',
      logLevel: 'error',
    });
    return true;
  } catch (error) {
    process.stderr.write(`Could not bundle the sources (${error.message}); running them through tsx.\n`);
    return false;
  }
}

let main;
if (await ensureBundle()) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
