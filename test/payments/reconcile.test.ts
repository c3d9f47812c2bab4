import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { CardGateway } from '../../src/payments/gateway.js';
import { readBankFiles, runReconcile } from '../../src/payments/cli.js';
import { BANK_FILE_HEADER, parseBankFile } from '../../src/payments/reconcile.js';
import { parseCsv } from '../../src/payments/csv.js';
import { identityApp, type IdentityHarness } from '../identity/support.js';
import { captureTerminal } from '../support/terminal.js';
import { aRequestWithFee, BANK, noticeFor, sadadNotice } from './support.js';

/** Reconciliation with the banks' settlement files: a missing or broken file never passes. */


/** A card gateway that settled nothing: these tests are about the banks. */
const quietGateway = { settlement: async () => [] } as unknown as CardGateway;

/** A request paid by SADAD at the demo bank on `day` (09:00 UTC, 12:00 in Riyadh): its bill and the bank's transaction id. */
async function aSadadPayment(h: IdentityHarness, day: string) {
  h.clock.set(`${day}T09:00:00Z`);
  const { bill } = await aRequestWithFee(h);
  const transactionId = `TX${Math.random().toString(36).slice(2, 12).toUpperCase()}`;
  const answer = await sadadNotice(h, noticeFor(bill, { transactionId, paidAt: `${day}T12:00:00+03:00` }));
  assert.equal(answer.statusCode, 201, answer.body);
  return { bill, transactionId, line: `${BANK},${transactionId},${bill.number},${bill.amount},SAR,${day}T12:00:00+03:00` };
}

function aFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tayseer-reconcile-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function reconcileDay(h: IdentityHarness, date: string, files: string[]) {
  const terminal = captureTerminal();
  const code = await runReconcile({ db: h.database.db, gateway: quietGateway, date, banks: readBankFiles(files), terminal });
  return { code, out: terminal.lines.join('\n') };
}

describe('bank settlement files: the CSV reader', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF, a BOM and blank trailing lines', () => {
    const { records, problems } = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n\r\n\r\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(records, [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\r\nlines'] },
    ]);
  });

  it('parses a settlement line whose quoted fields hold commas, with the columns in any order', () => {
    const text = `\uFEFFpaid_at,amount,currency,bill_number,transaction_id,bank_code\r\n"2026-11-01T12:00:00+03:00",10000,SAR,418203956617,"TX,42","demo-bank"\r\n`;
    const [line] = parseBankFile(text);
    assert.equal(line?.transactionId, 'TX,42');
    assert.equal(line?.bankCode, 'demo-bank');
    assert.equal(line?.amount, 10000);
  });

  it('reports every malformed line by its number, and keeps none of them', () => {
    const text = [
      BANK_FILE_HEADER,
      `${BANK},TX1,418203956617,10000,SAR,2026-11-01T12:00:00+03:00`,
      `${BANK},TX2,418203956617,100.50,SAR,2026-11-01T12:00:00+03:00`,
      `${BANK},"TX3,418203956617,10000,SAR,2026-11-01T12:00:00+03:00`,
    ].join('\n');
    assert.throws(
      () => parseBankFile(`${text}\n`),
      (error: Error) => /line 3: amount/.test(error.message) && /line 4: a quoted field is not closed/.test(error.message) && !/line 2/.test(error.message),
    );
    const shifted = [BANK_FILE_HEADER, '', `${BANK},TX1,418203956617,10000,SAR,2026-11-01`, `${BANK},TX2,41820395661,10000,USD,2026-11-01T12:00:00Z,extra`].join('\n');
    assert.throws(
      () => parseBankFile(shifted),
      (error: Error) => /line 2: a blank line between records/.test(error.message) && /line 3: paid_at/.test(error.message) && /line 4: expected 6 fields/.test(error.message),
    );
    assert.throws(() => parseBankFile('bank,tx\n1,2'), /line 1: expected the header .*missing columns bank_code, transaction_id/);
  });
});

describe('reconciling the banks', async () => {
  const h = await identityApp();

  it("fails naming the bank when we recorded its payments and it sent no file", async () => {
    const day = '2026-11-02';
    const { bill } = await aSadadPayment(h, day);
    const { code, out } = await reconcileDay(h, day, []);
    assert.notEqual(code, 0, out);
    assert.match(out, new RegExp(`bank:${BANK}: no settlement line for ${day}.*1 payment\\(s\\) totalling ${bill.amount / 100}\\.00 SAR \\(${bill.amount} halalas\\)`));
  });

  it('fails the same way on an empty file, a file with only its header, and a file of another day', async () => {
    const day = '2026-11-03';
    const { line } = await aSadadPayment(h, day);
    for (const text of ['', `${BANK_FILE_HEADER}\r\n`, `${BANK_FILE_HEADER}\n${line.replace(/2026-11-03T12/, '2026-11-04T12')}\n`]) {
      const { code, out } = await reconcileDay(h, day, [aFile(`sadad-${BANK}-${day}.csv`, text)]);
      assert.notEqual(code, 0, out);
      assert.match(out, new RegExp(`bank:${BANK}: no settlement line for ${day}.*1 payment\\(s\\)`), JSON.stringify(text));
    }
    const other = await reconcileDay(h, day, [aFile('x.csv', `${BANK_FILE_HEADER}\n${line.replace(/2026-11-03T12/, '2026-11-04T12')}\n`)]);
    assert.match(other.out, /paid on 2026-11-04, not 2026-11-03 \(.*x\.csv:2\)/);
    const unreadable = await reconcileDay(h, day, ['/nonexistent/sadad.csv']);
    assert.notEqual(unreadable.code, 0);
    assert.match(unreadable.out, /\/nonexistent\/sadad\.csv: cannot read the file/);
  });

  it('fails on a malformed line, naming it, while still comparing the good lines', async () => {
    const day = '2026-11-05';
    const { line } = await aSadadPayment(h, day);
    const file = aFile('bank.csv', `${BANK_FILE_HEADER}\n${line}\n${BANK},TXBROKEN,418203956617,ten,SAR,${day}T12:00:00+03:00\n`);
    const { code, out } = await reconcileDay(h, day, [file]);
    assert.equal(code, 1, out);
    assert.match(out, /1 matched, 0 mismatch\(es\), 1 malformed line/);
    assert.match(out, /bank\.csv line 3: amount: expected a whole number of halalas/);
  });

  it('lists a transaction the file repeats and an amount off by one halala', async () => {
    const day = '2026-11-06';
    const first = await aSadadPayment(h, day);
    const second = await aSadadPayment(h, day);
    const off = second.line.replace(`,${second.bill.amount},`, `,${second.bill.amount + 1},`);
    const { code, out } = await reconcileDay(h, day, [aFile('a.csv', `${BANK_FILE_HEADER}\n${first.line}\n${off}\n${first.line}\n`)]);
    assert.equal(code, 1, out);
    assert.match(out, new RegExp(`payment ${BANK}:${first.transactionId}: listed 2 times \\(.*a\\.csv:2, .*a\\.csv:4\\)`));
    assert.match(out, new RegExp(`payment ${BANK}:${second.transactionId}: the amounts differ; theirs ${second.bill.amount + 1}, ours ${second.bill.amount}`));
  });

  it('passes a clean day with exit 0', async () => {
    const day = '2026-11-07';
    const one = await aSadadPayment(h, day);
    const two = await aSadadPayment(h, day);
    const { code, out } = await reconcileDay(h, day, [aFile('clean.csv', `\uFEFF${BANK_FILE_HEADER}\r\n${one.line}\r\n"${two.line.split(',').join('","')}"\r\n\r\n`)]);
    assert.equal(code, 0, out);
    assert.match(out, /2 matched, 0 mismatch\(es\)\.$/);
  });
});
