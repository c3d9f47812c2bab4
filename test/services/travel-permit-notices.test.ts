import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { permitNumberFor } from '../../src/services/passports/travel-permits.js';
import type { RecordOf } from '../../src/registry/index.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { addPersons, aMobile, identityApp, messagesTo, signedInAccount } from '../identity/support.js';
import { aChild, aCitizen } from '../registry/builders.js';
import { getAs, officerOf, staffAct, submit, webSignIn } from '../requests/support.js';

/**
 * A guardian's travel permits (issue 16, item 9d, 9e): cancelling an issued permit asks first
 * and tells the guardian (and the child) by SMS and inbox; the guardian sees his children's
 * permits in "My data"; and the form lets him choose the child from his family.
 */

const SERVICE = 'passports.family.travel-permits';
const TODAY = '2026-11-01';

describe(`travel permits: asking, telling, choosing (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database } = h;

  const account = (person: RecordOf<'person'>) => signedInAccount(h, person);

  async function aFamily() {
    const father = aCitizen({ mobile: aMobile(), birthDate: '1975-01-10' });
    const kids = [aChild({ mobile: aMobile(), birthDate: '2010-03-03' }), aChild({ mobile: aMobile(), birthDate: '2014-07-07' })];
    const records: object[] = [father, ...kids];
    for (const kid of kids) {
      records.push({ kind: 'parent_child', parentNationalId: father.nationalId, childNationalId: kid.nationalId });
      records.push({ kind: 'guardianship', guardianNationalId: father.nationalId, wardNationalId: kid.nationalId, basis: 'father', startsOn: kid.birthDate });
    }
    await addPersons(database, records);
    return { guardian: await account(father), kids };
  }

  const trip = { destination: 'all', trips: 'single', validFrom: TODAY, validTo: '2027-01-31' };

  async function anIssuedPermit() {
    const family = await aFamily();
    const res = await submit(h, family.guardian.token, { serviceId: SERVICE, data: { member: { idNumber: family.kids[0]!.nationalId }, trip } });
    assert.equal(res.statusCode, 201, res.body);
    const reference = res.json().reference as string;
    const officer = await officerOf(h, 'passports');
    assert.equal((await staffAct(h, officer.token, reference, 'approve')).statusCode, 200);
    return { ...family, reference, number: permitNumberFor(reference) };
  }

  const permitStatus = async (number: string) => (await database.db.selectFrom('documents').select('status').where('number', '=', number).executeTakeFirstOrThrow()).status;

  it('asks before cancelling an issued permit (no JavaScript), then cancels, redirects, and tells the guardian and the child', async () => {
    const { guardian, kids, reference, number } = await anIssuedPermit();
    const child = await account(kids[0]!);
    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, guardian);
    const page = await v.get(`/requests/${reference}`);
    assert.match(page.body, /button button-danger[^>]*>إلغاء التصريح/);

    const asked = await v.post(`/requests/${reference}/actions/cancelPermit`, { expectedVersion: '2' });
    assert.equal(asked.statusCode, 200, asked.body);
    assert.match(asked.body, new RegExp(`سيُلغى تصريح السفر رقم ${number}`));
    assert.match(asked.body, /name="confirm" value="yes"/);
    assert.equal(await permitStatus(number), 'valid', 'one tap cancels nothing');

    const done = await v.post(`/requests/${reference}/actions/cancelPermit`, { expectedVersion: '2', confirm: 'yes' });
    assert.equal(done.statusCode, 303, done.body);
    assert.match(done.headers.location as string, new RegExp(`^/requests/${reference}\\?done=cancelPermit$`));
    assert.equal(await permitStatus(number), 'cancelled');

    const toGuardian = await messagesTo(database, guardian.mobile);
    assert.ok(toGuardian.some((m) => m.body.includes(number) && /is cancelled/.test(m.body)), 'the guardian gets an SMS although he cancelled it himself');
    const toChild = await messagesTo(database, child.mobile);
    assert.ok(toChild.some((m) => m.body.includes(number) && /Your guardian cancelled/.test(m.body)), 'the child is told by SMS');
    const childAccount = await database.db.selectFrom('accounts').select('id').where('username', '=', child.username).executeTakeFirstOrThrow();
    const inbox = await database.db.selectFrom('inbox_messages').select('params').where('account_id', '=', childAccount.id).execute();
    assert.ok(inbox.some((n) => (n.params as { ar: string }).ar.includes(number)), 'and in the inbox');
  });

  it('asks before cancelling a pending request too, decided on the server (not by a field the page sends)', async () => {
    const { guardian, kids } = await aFamily();
    const reference = (await submit(h, guardian.token, { serviceId: SERVICE, data: { member: { idNumber: kids[1]!.nationalId }, trip } })).json().reference as string;
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, guardian);
    await v.get(`/requests/${reference}`);
    const asked = await v.post(`/requests/${reference}/actions/cancel`, { expectedVersion: '1' });
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /cannot be undone/);
  });

  it('shows the guardian his children’s permits in My data, on the page and in the API', async () => {
    const { guardian, kids, number } = await anIssuedPermit();
    const me = await getAs(h, guardian.token, '/api/v1/me');
    assert.equal(me.statusCode, 200, me.body);
    const permits = me.json().familyTravelPermits as Array<{ number: string; member: { nationalId: string }; status: string }>;
    assert.deepEqual(permits.map((p) => [p.number, p.member.nationalId, p.status]), [[number, kids[0]!.nationalId, 'valid']]);
    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, guardian);
    const page = await v.get('/me');
    assert.match(page.body, /تصاريح السفر لأفراد أسرتك/);
    assert.ok(page.body.includes(number));
    assert.ok(page.body.includes(kids[0]!.firstNameAr));
    // Someone else's child's permit is not his.
    const { guardian: other } = await aFamily();
    const theirs = (await getAs(h, other.token, '/api/v1/me')).json().familyTravelPermits as unknown[];
    assert.deepEqual(theirs, []);
  });

  it('lets the guardian choose the child from his family (radio buttons), or type another person’s ID', async () => {
    const { guardian, kids } = await aFamily();
    const v = new Visitor(app, 'ar');
    await webSignIn(h, v, guardian);
    const step = await v.get(`/services/${SERVICE}/apply/member`);
    assert.equal(step.statusCode, 200, step.body);
    for (const kid of kids) {
      assert.match(step.body, new RegExp(`type="radio" name="member.idNumber" value="${kid.nationalId}"`));
      assert.ok(step.body.includes(kid.firstNameAr), 'each child by name');
    }
    assert.match(step.body, /type="radio" name="member.idNumber" value="other"/);
    assert.match(step.body, /شخص آخر/);

    const chosen = await v.submit(`/services/${SERVICE}/apply`, { step: 'member', go: 'next', 'member.idNumber': kids[1]!.nationalId, 'member.idNumber:other': '' });
    assert.equal(chosen.statusCode, 200, chosen.body);
    assert.match(chosen.body, /name="trip.destination"/, 'on to the permit step');
    assert.match(chosen.body, new RegExp(`type="hidden" name="member.idNumber" value="${kids[1]!.nationalId}"`));

    const typed = await v.submit(`/services/${SERVICE}/apply`, { step: 'member', go: 'next', 'member.idNumber': 'other', 'member.idNumber:other': kids[0]!.nationalId });
    assert.equal(typed.statusCode, 200, typed.body);
    assert.match(typed.body, new RegExp(`type="hidden" name="member.idNumber" value="${kids[0]!.nationalId}"`));
  });
});
