// The web console in a real headless Chromium, against the running platform through the gateway (bin/platform up).
// The data (organisation, members, models, chains, deployments) is made through the public API in `before`; the
// people then use the console as they would.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GATEWAY, RESULTS, api, assertAccessible, launchBrowser, newOrganization, newUser, newWorkload, open, personIn,
  reportTimings, screenshot, settled, signIn,
} from './support.js';

const GUARDED = ['promote', 'autoscaling', 'deployment-settings', 'environment-settings', 'delete-environment'];

let browser;
let org;
let ada; // the organisation's first admin
let bob; // a member who is not granted production
let cy; // a member granted production by search in the first procedure
let dee; // a second admin, demoted later
let model;
let chain;
let team; // a second team, besides the organisation's default one
const people = [];

async function person(user) {
  const p = await personIn(browser);
  people.push(p);
  await signIn(p.page, user);
  return p;
}

const card = (page, environment) => page.locator(`article[data-environment="${environment}"]`);

/** The tooltip that describes a button (aria-describedby): what a screen reader reads, and what focus shows. */
async function tooltipOf(page, button) {
  return page.locator(`#${await button.getAttribute('aria-describedby')}`);
}

async function guardedStates(page, environment) {
  const states = {};
  for (const id of GUARDED) {
    states[id] = await card(page, environment).getByTestId(id).getAttribute('aria-disabled');
  }
  return states;
}

describe('the web console', () => {
  before(async () => {
    ada = await newUser('ada', 'Ada Admin');
    bob = await newUser('bob', 'Bob Member');
    cy = await newUser('cy', 'Cy Granted');
    dee = await newUser('dee', 'Dee Admin');
    org = await newOrganization(ada, [[bob, 'MEMBER'], [cy, 'MEMBER'], [dee, 'ADMIN']]);
    [model, chain, team] = await Promise.all([
      newWorkload(ada, 'models', 'sentiment'),
      newWorkload(ada, 'chains', 'pipeline'),
      api.ok(ada.token, 'POST', '/v1/teams', { name: 'research' }, 201),
    ]);
    browser = await launchBrowser();
  });

  // What each browser showed when the test ended, whatever its outcome: the first look when a test fails.
  afterEach(async (t) => {
    const name = t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
    await Promise.all(people.map((p, i) => p.page.screenshot({ path: `${RESULTS}/last-${name}-${i}.png` }).catch(() => {})));
  });

  after(async () => {
    for (const p of people) {
      assert.deepEqual(p.problems, [], 'no Content-Security-Policy report and no page error');
      await p.context.close();
    }
    await browser?.close();
    reportTimings();
  });

  test('the gateway serves the console with its security headers, and the API beside it', async () => {
    for (const path of ['/', '/settings/environments', '/models/anything']) {
      const answer = await fetch(`${GATEWAY}${path}`);
      assert.equal(answer.status, 200, path);
      assert.match(answer.headers.get('content-type'), /text\/html/);
    }
    const page = await fetch(`${GATEWAY}/settings/environments`);
    const html = await page.text();
    assert.match(html, /<div id="app">/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in the page');
    const csp = page.headers.get('content-security-policy');
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)[1];
    const asset = await fetch(`${GATEWAY}${script}`);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type'), /javascript/);
    const config = await api.call(null, 'GET', '/console-config.json');
    assert.deepEqual(config.body, { auth: 'local' });
    const unknownApi = await api.call(null, 'GET', '/v1/no-such-thing');
    assert.equal(unknownApi.status, 404);
    assert.equal(unknownApi.body.code, 'NOT_FOUND');
  });

  test('how to restrict an environment: an admin restricts production and adds a user by searching', async () => {
    const { page } = await person(ada);
    await open(page, '/settings/environments', 'environments');
    const production = page.locator('tr[data-environment="production"]');
    await production.locator('.badge.unrestricted').waitFor();
    await assertAccessible(page, 'Settings → Environments');

    await production.getByRole('link', { name: 'production' }).click();
    await settled(page, 'environment-group');
    await page.getByLabel(/^Restricted/).check();
    const search = page.getByRole('combobox', { name: 'Add users by name or email' });
    await search.fill('cy gran');
    await page.getByRole('option', { name: /Cy Granted/ }).waitFor();
    await search.press('Enter');
    await page.locator('li[data-user]', { hasText: cy.email }).waitFor();
    await assertAccessible(page, 'environment group, editing');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();

    await open(page, '/settings/environments', 'environments');
    await production.locator('.badge.restricted').waitFor();
    await production.getByText('Cy Granted').waitFor();
    const implicit = production.locator('li', { hasText: 'Ada Admin' });
    assert.match(await implicit.innerText(), /implicit · via org admin/);
    const group = await api.ok(ada.token, 'GET', '/v1/environment_groups/production', undefined, 200);
    assert.equal(group.manage_access.is_restricted, true);
    assert.deepEqual(group.manage_access.users.filter((u) => u.via === 'GRANT').map((u) => u.email), [cy.email]);
    await screenshot(page, 'environments');
  });

  test('how to create a restricted environment: an admin creates one with a user found by email', async () => {
    const { page } = people[0];
    await open(page, '/settings/environments', 'environments');
    await page.getByRole('button', { name: 'Create environment' }).click();
    await page.getByLabel('Name', { exact: true }).fill('canary');
    await page.getByLabel(/^Restricted/).check();
    await page.getByRole('combobox', { name: 'Add users by name or email' }).fill(bob.email);
    await page.getByRole('option', { name: /Bob Member/ }).click();
    await assertAccessible(page, 'Create environment');
    await page.locator('form[aria-label="Create environment"]').getByRole('button', { name: 'Create environment' }).click();
    await page.getByText('Environment “canary” created.').waitFor();
    const canary = page.locator('tr[data-environment="canary"]');
    await canary.locator('.badge.restricted').waitFor();
    await canary.getByText('Bob Member').waitFor();
    const group = await api.ok(ada.token, 'GET', '/v1/environment_groups/canary', undefined, 200);
    assert.equal(group.manage_access.is_restricted, true);
    assert.ok(group.manage_access.users.some((u) => u.email === bob.email && u.via === 'GRANT'));
    await screenshot(page, 'create-environment');
  });

  test('a member without access sees every restricted action grayed out, keeps reads and can call the model', async () => {
    const { page } = await person(bob);
    await open(page, `/models/${model.id}`, 'workload');
    assert.deepEqual(await guardedStates(page, 'production'), Object.fromEntries(GUARDED.map((g) => [g, 'true'])));
    assert.deepEqual(await guardedStates(page, 'development'),
      { promote: null, autoscaling: null, 'deployment-settings': null, 'environment-settings': null, 'delete-environment': null });
    await card(page, 'production').locator('.badge.restricted').waitFor();

    // The reason is the tooltip and the button's description; keyboard focus shows it.
    const promote = card(page, 'production').getByTestId('promote');
    await promote.focus();
    const tip = await tooltipOf(page, promote);
    assert.equal(await tip.getAttribute('role'), 'tooltip');
    assert.equal(await tip.isVisible(), true);
    assert.match(await tip.innerText(), /not been granted access to the restricted environment “production”/);
    assert.match(await tip.innerText(), /Access can be granted by: .*Ada Admin/);
    await promote.click({ force: true }); // Playwright counts aria-disabled as disabled: click it anyway, as a person can
    assert.equal(await page.locator('form[aria-label^="Promote into"]').count(), 0, 'a grayed-out action does nothing');

    await page.getByTestId('logs').getByText(/serving environment production/).waitFor();
    await page.getByTestId('metrics').getByText('Replicas active').waitFor();
    assert.match(await page.getByTestId('metrics').innerText(), /Replicas active\s+1 \(min \d+, max \d+\)/);
    await page.getByRole('button', { name: 'Call model' }).click();
    const output = await page.getByTestId('call-output').innerText();
    assert.equal(JSON.parse(output).deployment_id, model.deployments[0].id);
    await assertAccessible(page, 'model page, member without access');
    await promote.focus();
    await screenshot(page, 'model-grayed-out');

    await open(page, `/chains/${chain.id}`, 'workload');
    assert.deepEqual(await guardedStates(page, 'production'), Object.fromEntries(GUARDED.map((g) => [g, 'true'])));
    await page.getByRole('button', { name: 'Call chain' }).click();
    assert.equal(JSON.parse(await page.getByTestId('call-output').innerText()).deployment_id, chain.deployments[0].id);
    await assertAccessible(page, 'chain page, member without access');
    await screenshot(page, 'chain-grayed-out');
  });

  test('a member sees "Restricted" disabled with the reason, and can create an unrestricted environment', async () => {
    const { page } = people[1];
    await open(page, '/settings/environments', 'environments');
    await page.getByRole('button', { name: 'Create environment' }).click();
    const restricted = page.getByLabel(/^Restricted/);
    assert.equal(await restricted.isDisabled(), true);
    const why = page.locator(`#${await restricted.getAttribute('aria-describedby')}`);
    assert.match(await why.innerText(), /Only organisation admins and this team's admins can restrict/);
    await page.getByLabel('Name', { exact: true }).fill('scratch');
    await page.locator('form[aria-label="Create environment"]').getByRole('button', { name: 'Create environment' }).click();
    await page.locator('tr[data-environment="scratch"]').locator('.badge.unrestricted').waitFor();
    await assertAccessible(page, 'Create environment, member');
    await screenshot(page, 'member-create-environment');
  });

  test('the team picker shows the environments of the team picked', async () => {
    const { page } = people[0];
    await open(page, '/settings/environments', 'environments');
    await page.getByLabel('Team').selectOption(team.id);
    await page.waitForURL(`**/settings/environments?team=${team.id}`);
    await settled(page, 'environments');
    const production = page.locator('tr[data-environment="production"]');
    await production.locator('.badge.unrestricted').waitFor(); // the default team's production is restricted, this one not
    await production.getByRole('link', { name: 'production' }).click();
    await settled(page, 'environment-group');
    await page.getByText('› research').waitFor();
    const group = await api.ok(ada.token, 'GET', `/v1/teams/${team.id}/environment_groups/production`, undefined, 200);
    assert.equal(group.manage_access.is_restricted, false);
  });

  test('access granted in the admin\'s browser enables the action in the member\'s browser after a reload', async () => {
    const admin = people[0].page;
    const member = people[1].page;
    await open(member, `/models/${model.id}`, 'workload');
    assert.equal(await card(member, 'production').getByTestId('promote').getAttribute('aria-disabled'), 'true');

    await open(admin, '/settings/environments/production', 'environment-group');
    await admin.getByRole('combobox', { name: 'Add users by name or email' }).fill('Bob');
    await admin.getByRole('option', { name: /Bob Member/ }).click();
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText('Changes saved.').waitFor();

    await member.reload();
    await settled(member, 'workload');
    // Deleting stays grayed out: production is never deleted, whoever asks.
    assert.deepEqual(await guardedStates(member, 'production'),
      { promote: null, autoscaling: null, 'deployment-settings': null, 'environment-settings': null, 'delete-environment': 'true' });
    const deleting = card(member, 'production').getByTestId('delete-environment');
    assert.match(await (await tooltipOf(member, deleting)).innerText(), /production environment cannot be deleted/);
    await card(member, 'production').getByTestId('promote').click();
    await member.getByLabel('Deployment', { exact: true }).selectOption(model.deployments[1].id);
    await member.locator('form[aria-label="Promote into production"]').getByRole('button', { name: 'Promote' }).click();
    await member.getByText('Deployment sentiment-v2 is now current in production.').waitFor();
    const production = await api.ok(bob.token, 'GET', `/v1/models/${model.id}/environments/production`, undefined, 200);
    assert.equal(production.current_deployment.id, model.deployments[1].id);
  });

  test('a refusal by the API is shown in words: access revoked after the page was loaded', async () => {
    const member = people[1].page;
    await open(member, `/models/${model.id}`, 'workload');
    await api.ok(ada.token, 'DELETE', `/v1/environment_groups/production/grants/${bob.id}`, undefined, 200);
    await card(member, 'production').getByTestId('promote').click();
    await member.locator('form[aria-label="Promote into production"]').getByRole('button', { name: 'Promote' }).click();
    const alert = member.locator('form[aria-label="Promote into production"]').getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(),
      /Promote was refused: You have not been granted access to the restricted environment “production”\. Nothing was changed\./);
    await screenshot(member, 'error-in-words');

    const admin = people[0].page;
    await open(admin, '/settings/environments', 'environments');
    await admin.getByRole('button', { name: 'Create environment' }).click();
    await admin.getByLabel('Name', { exact: true }).fill('canary');
    await admin.locator('form[aria-label="Create environment"]').getByRole('button', { name: 'Create environment' }).click();
    const conflict = admin.locator('form[aria-label="Create environment"]').getByRole('alert');
    await conflict.waitFor();
    assert.match(await conflict.innerText(), /conflicts with the current state: .*Nothing was changed\./);
  });

  test('a demoted admin loses the access admins have', async () => {
    const { page } = await person(dee);
    await open(page, `/models/${model.id}`, 'workload');
    assert.equal(await card(page, 'production').getByTestId('promote').getAttribute('aria-disabled'), null);
    await api.ok(ada.token, 'PATCH', `/v1/members/${dee.id}`, { role: 'MEMBER' }, 200);
    await page.reload();
    await settled(page, 'workload');
    assert.deepEqual(await guardedStates(page, 'production'), Object.fromEntries(GUARDED.map((g) => [g, 'true'])));
    const promote = card(page, 'production').getByTestId('promote');
    await promote.focus();
    const tip = await tooltipOf(page, promote);
    assert.match(await tip.innerText(), /no longer an admin/);
    await screenshot(page, 'demoted-admin');
  });

  test('two admins edit the same environment: the second save is a conflict and changes nothing', async () => {
    const first = people[0].page;
    const second = (await person(ada)).page;
    await open(first, '/settings/environments/canary', 'environment-group');
    await open(second, '/settings/environments/canary', 'environment-group');

    await first.getByRole('button', { name: 'Remove Bob Member' }).click();
    await first.getByRole('button', { name: 'Save changes' }).click();
    await first.getByText('Changes saved.').waitFor();

    await second.getByRole('combobox', { name: 'Add users by name or email' }).fill('Cy');
    await second.getByRole('option', { name: /Cy Granted/ }).click();
    await second.getByRole('button', { name: 'Save changes' }).click();
    const alert = second.locator('form[aria-label="Access"]').getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Someone else changed this while you were editing\. Your changes were not saved\./);
    await screenshot(second, 'conflict');
    const group = await api.ok(ada.token, 'GET', '/v1/environment_groups/canary', undefined, 200);
    assert.deepEqual(group.manage_access.users.filter((u) => u.via === 'GRANT'), [], 'neither Bob nor Cy: the stale save did nothing');
  });

  test('history and who had access at an instant', async () => {
    const { page } = people[0];
    await open(page, '/settings/environments/production', 'environment-group');
    const history = page.getByTestId('history');
    await history.getByText('restricted').first().waitFor();
    assert.ok(await history.getByText('access granted').count() >= 2, 'Cy and Bob were granted');
    await history.getByText('access revoked').first().waitFor();
    await page.getByLabel('Instant').fill('2020-01-01T00:00:00');
    await page.getByRole('button', { name: 'Show access' }).click();
    await page.getByTestId('access-at-answer').locator('.badge.unrestricted').waitFor();
    await assertAccessible(page, 'environment group with history');
    await screenshot(page, 'history');
  });

  test('the audit log shows allowed and refused changes, filtered by outcome', async () => {
    const { page } = people[0];
    await open(page, '/audit-logs', 'audit-logs');
    await page.getByLabel('Outcome').selectOption('DENIED');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const rows = page.getByTestId('audit-log').locator('tbody tr');
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    assert.ok(texts.every((t) => /denied/.test(t)), 'only refusals shown');
    assert.ok(texts.some((t) => t.includes(bob.email) && /not been granted/.test(t)), 'Bob\'s refused promote is there');
    await assertAccessible(page, 'audit log');
    await screenshot(page, 'audit-log');
  });

  test('API keys: create (shown once, personal or with a team label), list, delete; the page says a key acts with its owner\'s current permissions', async () => {
    const { page } = people[1];
    await open(page, '/api-keys', 'api-keys');
    await page.getByText(/A key acts as you/).waitFor();
    await page.getByLabel('Name of the new key').fill('ci');
    await page.getByRole('button', { name: 'Create API key' }).click();
    const key = await page.getByLabel('API key', { exact: true }).inputValue();
    const predicted = await api.call(key, 'POST', `/v1/models/${model.id}/environments/production/predict`, { x: 1 });
    assert.equal(predicted.status, 200, 'the key calls the model as Bob');
    await page.getByTestId('api-keys').getByRole('rowheader', { name: 'ci', exact: true }).waitFor();
    await assertAccessible(page, 'API keys');
    await screenshot(page, 'api-keys');
    await page.getByRole('button', { name: 'Delete key ci' }).click();
    await page.getByText('Key “ci” deleted').waitFor();
    assert.equal((await api.call(key, 'GET', '/v1/models')).status, 401);

    await page.getByLabel('Name of the new key').fill('ci-team');
    await page.getByLabel('Team label').selectOption({ label: 'default' });
    await page.getByRole('button', { name: 'Create API key' }).click();
    const teamKey = await page.getByLabel('API key', { exact: true }).inputValue();
    await page.getByTestId('api-keys').locator('tr', { hasText: 'ci-team' }).getByText('default', { exact: true }).waitFor();
    const listed = await api.ok(teamKey, 'GET', '/v1/api_keys', undefined, 200);
    assert.deepEqual(listed.keys.map((k) => [k.name, k.team_name]), [['ci-team', 'default']], 'a team key is listed with its team');
    await page.getByRole('button', { name: 'Delete key ci-team' }).click();
    await page.getByText('Key “ci-team” deleted').waitFor();
  });

  test('signing out forgets the credential', async () => {
    const { page } = people[1];
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('envguard.session')), null);
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing kept in localStorage');
    await assertAccessible(page, 'sign-in');
  });
});
