// tests/web/lib.js — what the web tests share: Debian's Chromium driven by playwright-core
// (executablePath /usr/bin/chromium; --no-sandbox as root), the page build/kyojin.html opened
// from file:// with the network off, every request it makes recorded, and a result line
// "N passed, N failed".
'use strict';
const path = require('path');
const fs = require('fs');
const { chromium } = require('playwright-core');

const root = path.resolve(__dirname, '..', '..');
const pagePath = path.resolve(root, process.env.KYOJIN_PAGE || 'build/kyojin.html');
const pageUrl = 'file://' + pagePath;
const artifacts = path.join(root, 'tests', 'artifacts', 'web');

async function openPage(opts = {}) {
  const args = ['--no-sandbox', '--disable-dev-shm-usage'];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
  const context = await browser.newContext({
    offline: true, // the network is off, as on an LGWAN terminal
    viewport: opts.viewport || { width: 1280, height: 900 },
    acceptDownloads: true,
    locale: opts.locale || 'ja-JP',
  });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  context.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e && e.stack || e)));
  page.on('console', (m) => {
    // the report's frame runs no script (sandbox); the driver's own helpers are refused there
    if (m.type() === 'error' && !/document's frame is sandboxed/.test(m.text())) errors.push('console: ' + m.text());
  });
  await page.goto(opts.file ? 'file://' + opts.file : pageUrl);
  await page.waitForFunction(() => window.kyojin && window.kyojin.run);
  return { browser, context, page, requests, errors };
}

// Only the file itself (and the worker's in-memory blob: URL) may be requested.
function foreignRequests(requests, file) {
  const own = file ? 'file://' + file : pageUrl;
  return requests.filter((u) => u !== own && !u.startsWith('blob:'));
}

// Run one command line in the page; files (Buffers) go in and stdout comes back as base64
// (exact bytes).
async function pageRun(page, args, files, opts) {
  const b64 = {};
  for (const k of Object.keys(files)) b64[k] = Buffer.from(files[k]).toString('base64');
  return page.evaluate(async ([a, f64, o]) => {
    const f = {};
    for (const k of Object.keys(f64)) f[k] = Uint8Array.from(atob(f64[k]), (c) => c.charCodeAt(0));
    const r = await window.kyojin.run(a, f, o);
    let bin = '';
    const b = r.stdout;
    for (let i = 0; i < b.length; i += 0x8000) bin += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
    return { code: r.code, stdout: btoa(bin), stderr: r.stderr };
  }, [args, b64, opts || {}]);
}

function counter(name) {
  let passed = 0;
  let failed = 0;
  return {
    ok(cond, what) {
      if (cond) passed++;
      else {
        failed++;
        console.log(`FAIL: ${name}: ${what}`);
      }
      return cond;
    },
    done() {
      console.log(`${name}: ${passed} passed, ${failed} failed`);
      return failed === 0;
    },
    get failed() {
      return failed;
    },
  };
}

// The end of every web test: nothing requested but the page, no error in it.
function pageClean(t, requests, errors, file) {
  t.ok(foreignRequests(requests, file).length === 0, `the page requested ${foreignRequests(requests, file).join(', ')}`);
  t.ok(errors.length === 0, `errors in the page: ${errors.join('; ')}`);
}

// Run one test file: body(t) with a counter named `name`; "N passed, N failed" and the exit
// code at the end, an exception counted as a failure.
function runTest(name, body) {
  const t = counter(name);
  body(t).then(() => process.exit(t.done() ? 0 : 1), (e) => {
    t.ok(false, String((e && e.stack) || e));
    t.done();
    process.exit(1);
  });
}

module.exports = {
  pageClean, runTest, root, pagePath, pageUrl, artifacts, openPage, foreignRequests, pageRun, counter, fs, path };
