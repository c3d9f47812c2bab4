import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main } from '../src/cli.js';
import { captureTerminal } from './support/terminal.js';

describe('the tayseer command', () => {
  it('lists its commands with --help', async () => {
    const terminal = captureTerminal();
    assert.equal(await main(['--help'], terminal), 0);
    const text = terminal.lines.join('\n');
    for (const name of ['serve', 'migrate', 'seed', 'registry import']) assert.match(text, new RegExp(`\\n  ${name} `));
  });

  it('has --help on every command', async () => {
    for (const name of [['serve'], ['migrate'], ['seed'], ['registry', 'import']]) {
      const terminal = captureTerminal();
      assert.equal(await main([...name, '--help'], terminal), 0);
      assert.match(terminal.lines.join('\n'), /^Usage: tayseer /);
    }
  });

  it('refuses an unknown command or option in one line with exit code 2', async () => {
    const unknown = captureTerminal();
    assert.equal(await main(['frobnicate'], unknown), 2);
    assert.match(unknown.errors[0]!, /Unknown command "frobnicate"/);
    const badOption = captureTerminal();
    assert.equal(await main(['migrate', '--colour'], badOption), 2);
    assert.equal(badOption.errors.length, 1);
    assert.match(badOption.errors[0]!, /--colour/);
  });

  it('stops on a bad setting with one line naming the variable', async () => {
    const terminal = captureTerminal();
    const saved = process.env.PORT;
    process.env.PORT = 'eighty';
    try {
      assert.equal(await main(['migrate'], terminal), 78);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
    assert.deepEqual(terminal.errors, ['Invalid setting PORT="eighty": expected a port number.']);
  });
});
