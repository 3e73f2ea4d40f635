// How each refusal of the API is put into words (src/errors.js): pure, no browser and no platform needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeError, reasonText } from '../src/errors.js';

const refusal = (status, body, retryAfter) => ({ status, body, retryAfter });

test('a restricted environment names the reason and says nothing changed', () => {
  const text = describeError(refusal(403, { code: 'ENVIRONMENT_RESTRICTED', reason: 'GRANT_EXPIRED', environment: 'production' }), 'Promote');
  assert.equal(text, 'Promote was refused: Your access to the restricted environment “production” has expired. Nothing was changed.');
});

test('each reason of the contract has its own words', () => {
  const texts = ['NOT_GRANTED', 'GRANT_EXPIRED', 'ADMIN_DEMOTED', 'NOT_IN_TEAM', 'NOT_A_MEMBER'].map((r) => reasonText(r, 'prod'));
  assert.equal(new Set(texts).size, 5);
  assert.ok(texts.every((t) => !t.startsWith('Refused (')));
});

test('a 503 says the action did not happen, unless the change was recorded with a revision', () => {
  assert.match(describeError(refusal(503, { code: 'AUTHZ_UNAVAILABLE', message: 'timed out' }), 'Promote'),
    /^Promote did NOT happen: .*Nothing was changed/);
  assert.match(describeError(refusal(503, { code: 'UNAVAILABLE', message: 'database down' }), 'Saving'),
    /^Saving did NOT happen: .*database down/);
  assert.match(describeError(refusal(503, { code: 'AUTHZ_UNAVAILABLE', revision: 42 }), 'Saving'),
    /recorded \(revision 42\) but .* not confirmed/);
});

test('429, 412, 409 and 400 are explained', () => {
  assert.match(describeError(refusal(429, { code: 'TOO_MANY_REQUESTS' }, '1'), 'Promote'), /promote did not happen\. Try again in 1 second/);
  assert.match(describeError(refusal(412, { code: 'PRECONDITION_FAILED' }), 'Saving'), /Someone else changed this/);
  assert.match(describeError(refusal(409, { code: 'CONFLICT', message: 'exists' }), 'Creating'), /conflicts with the current state: exists/);
  assert.match(describeError(refusal(400, { code: 'VALIDATION_FAILED', fields: { name: 'is required' } }), 'Creating'),
    /not valid: name is required\. Nothing was changed/);
  assert.match(describeError(refusal(0, { code: 'NETWORK' }), 'Promote'), /could not be reached/);
});
