import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { prepareStatements } from '../src/db/prepared.js';

const url = process.env.DATABASE_URL;
type Parsed = { connection: { parsedStatements: Record<string, string> } };
const parsedNames = (client: pg.Client) => Object.keys((client as unknown as Parsed).connection.parsedStatements);

describe('prepared statements on PostgreSQL', { skip: !url && 'needs DATABASE_URL' }, () => {
  let client: pg.Client;
  before(async () => {
    client = new pg.Client({ connectionString: url });
    await client.connect();
    prepareStatements(client, 3);
    await client.query('CREATE TEMP TABLE prepared_probe (a int)');
    await client.query('INSERT INTO prepared_probe VALUES (1), (2), (3)');
  });
  after(() => client.end());

  it('parses a text once per connection and binds new values to it', async () => {
    const before = parsedNames(client).length;
    const one = await client.query('SELECT a FROM prepared_probe WHERE a = $1', [1]);
    const two = await client.query('SELECT a FROM prepared_probe WHERE a = $1', [2]);
    assert.deepEqual([one.rows[0].a, two.rows[0].a], [1, 2]);
    assert.equal(parsedNames(client).length, before + 1);
  });

  it('names at most `limit` texts and runs the rest unnamed, with the same results', async () => {
    for (const n of [1, 2, 3, 4, 5]) {
      const { rows } = await client.query(`SELECT a, ${n} AS n FROM prepared_probe WHERE a = $1`, [3]);
      assert.deepEqual(rows, [{ a: 3, n }]);
    }
    assert.equal(parsedNames(client).length, 3);
  });

  it('after a schema change refuses once with 0A000, then prepares afresh', async () => {
    const fresh = new pg.Client({ connectionString: url });
    await fresh.connect();
    prepareStatements(fresh);
    try {
      await fresh.query('CREATE TEMP TABLE prepared_shape (a int)');
      await fresh.query('INSERT INTO prepared_shape VALUES (7)');
      const text = 'SELECT * FROM prepared_shape WHERE a = $1';
      assert.deepEqual((await fresh.query(text, [7])).rows, [{ a: 7 }]);
      await fresh.query('ALTER TABLE prepared_shape ADD COLUMN b int');
      await assert.rejects(fresh.query(text, [7]), (error: { code?: string }) => error.code === '0A000');
      assert.deepEqual((await fresh.query(text, [7])).rows, [{ a: 7, b: null }]);
    } finally {
      await fresh.end();
    }
  });

  it('leaves queries without parameters (scripts of several statements) and callback calls to pg as they are', async () => {
    const before = parsedNames(client).length;
    const results = (await client.query('SELECT 1; SELECT count(*)::int AS n FROM prepared_probe', [])) as unknown as pg.QueryResult[];
    assert.equal(results[1]!.rows[0].n, 3);
    const viaCallback = await new Promise<number>((resolve, reject) => {
      client.query('SELECT $1::int AS n', [42], (error: Error | null, result: pg.QueryResult) => (error ? reject(error) : resolve(result.rows[0].n)));
    });
    assert.equal(viaCallback, 42);
    assert.equal(parsedNames(client).length, before);
  });
});
