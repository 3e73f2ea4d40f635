// What the browser tests share: the platform's public API for setting up data, a real Chromium, page timings,
// accessibility checks and screenshots.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const GATEWAY = process.env.ENVGUARD_GATEWAY || 'http://127.0.0.1:8080';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));
export const RESULTS = join(here, '..', 'test-results');
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** The budget from navigation to a rendered page with its data. */
export const PAGE_BUDGET_MS = 1000;

mkdirSync(RESULTS, { recursive: true });

// ---------------------------------------------------------------- the API, as any client uses it

export async function call(token, method, path, body, headers = {}) {
  const response = await fetch(`${GATEWAY}${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/**
 * A call of the test's setup that must succeed. A 503 that recorded nothing (no `revision` in the body: the decision
 * could not be made in time, as happens while the services are still cold) and a 429 are retried, as any client would.
 */
async function ok(token, method, path, body, expected) {
  let answer = await call(token, method, path, body);
  for (let attempt = 1; attempt < 6 && (answer.status === 429 || (answer.status === 503 && answer.body?.revision == null)); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
    answer = await call(token, method, path, body);
  }
  assert.equal(answer.status, expected, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export const run = Math.random().toString(36).slice(2, 8);

/** A person with a token from the local issuer; the email is unique to the run. */
export async function newUser(label, name) {
  const email = `${label}-${run}@example.com`;
  const { token } = await ok(null, 'POST', '/v1/auth/token', { email, name }, 200);
  return { email, name, token };
}

/** An organisation whose first admin is `admin`; `others` are added with their roles. */
export async function newOrganization(admin, others) {
  const org = await ok(admin.token, 'POST', '/v1/organizations', { name: `Acme ${run}` }, 201);
  const me = await ok(admin.token, 'GET', `/v1/members?query=${encodeURIComponent(admin.email)}`, undefined, 200);
  admin.id = me.items[0].user_id;
  for (const [user, role] of others) {
    user.id = (await ok(admin.token, 'POST', '/v1/members', { email: user.email, name: user.name, role }, 201)).user_id;
  }
  return org;
}

/**
 * A model or chain with three pushed deployments: v1 current in production, dev current in development, v2 in none.
 */
export async function newWorkload(admin, kind, name) {
  // Models answer Baseten's {model, deployment} with 200 (a model comes with a first deployment); chains their own 201.
  const model = kind === 'models';
  const created = await ok(admin.token, 'POST', `/v1/${kind}`, { name }, model ? 200 : 201);
  const workload = model ? created.model : created;
  const body = (n) => (kind === 'chains' ? { name: n, chainlets: ['entry', 'worker'] } : { name: n });
  const push = async (n) => {
    const pushed = await ok(admin.token, 'POST', `/v1/${kind}/${workload.id}/deployments`, body(n), model ? 200 : 201);
    return model ? pushed.deployment : pushed;
  };
  const first = await push(`${name}-v1`);
  const dev = await push(`${name}-dev`);
  const second = await push(`${name}-v2`);
  await ok(admin.token, 'POST', `/v1/${kind}/${workload.id}/environments/production/promote`, { deployment_id: first.id }, 200);
  await ok(admin.token, 'POST', `/v1/${kind}/${workload.id}/environments`, { name: 'development' }, 200);
  await ok(admin.token, 'POST', `/v1/${kind}/${workload.id}/environments/development/promote`, { deployment_id: dev.id }, 200);
  return { ...workload, kind, deployments: [first, second, dev] };
}

export const api = { call, ok };

// ---------------------------------------------------------------- the browser

/**
 * A headless Chromium, warmed by one untimed page load: a person's browser is running already when they navigate,
 * so the timed loads leave out the browser's own start (its first renderer process and compilation caches).
 */
export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${GATEWAY}/signin`);
  await page.waitForSelector('body[data-ready="signin"]', { timeout: 10_000 });
  await context.close();
  return browser;
}

/**
 * A browser context of one person. Any report of the Content-Security-Policy blocking something, and any uncaught
 * page error, is collected for the tests to assert there is none.
 */
export async function personIn(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

export const timings = [];

/**
 * Navigates (a full page load) and waits for the page's data to be rendered. The time checked against the budget is
 * the browser's own: from the start of the navigation to the frame in which the page showed its data
 * (body[data-ready-at], performance.now()). The time seen from the test, which adds the driver's round trips, is
 * recorded beside it.
 */
export async function open(page, path, ready) {
  const started = Date.now();
  await page.goto(`${GATEWAY}${path}`);
  await page.waitForSelector(`body[data-ready="${ready}"]`, { timeout: 10_000 });
  const wall = Date.now() - started;
  const ms = Number(await page.evaluate(() => document.body.dataset.readyAt));
  timings.push({ page: ready, path: path.replace(/[0-9a-f-]{36}/g, ':id'), ms, wall });
  assert.ok(ms <= PAGE_BUDGET_MS, `${path} rendered ${ms} ms after navigation, over the ${PAGE_BUDGET_MS} ms budget`);
  return ms;
}

/** Waits for an in-page reload of the same page to finish rendering its data. */
export async function settled(page, ready) {
  await page.waitForSelector(`body[data-ready="${ready}"]`, { timeout: 10_000 });
}

export async function signIn(page, user) {
  await open(page, '/signin', 'signin');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Name').fill(user.name);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await settled(page, 'workloads');
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it is; injected through the DevTools protocol, not a <script>. */
export async function assertAccessible(page, label) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  assert.deepEqual(violations, [], `accessibility violations on ${label}`);
}

export async function screenshot(page, name) {
  const file = join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export function reportTimings() {
  const lines = timings.map((t) =>
    `  ${t.page.padEnd(20)} ${String(t.ms).padStart(5)} ms   (seen by the test ${String(t.wall).padStart(5)} ms)  ${t.path}`);
  const worst = Math.max(...timings.map((t) => t.ms));
  const text = `page rendered after navigation (budget ${PAGE_BUDGET_MS} ms), ${timings.length} loads, slowest ${worst} ms:\n`
    + `${lines.join('\n')}\n`;
  writeFileSync(join(RESULTS, 'page-times.txt'), text);
  process.stdout.write(text);
}
