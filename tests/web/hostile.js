// tests/web/hostile.js KYOJIN — policies cannot block the page. Builds a page whose bundled
// policy set is the hostile policies of tests/adversarial/policy (each under its own id, with
// the two benign policies of tests/adversarial/policies/benign), checks a sample with it while
// using the editor, and compares every policy's result with `kyojin check --policies` on the
// same files: every hostile policy is `error` (評価エラー) with the command line's reason —
// the endless C call ended by the page's time limit, the browser's watchdog — the benign ones
// keep their results, and the page answers clicks and typing while the policies run.
'use strict';
const { spawn, spawnSync } = require('child_process');
const { root, openPage, pageClean, runTest, fs, path } = require('./lib');

const kyojin = path.resolve(process.argv[2] || path.join(root, 'kyojin'));
// seconds per declaration attempt (--timeout), page and command line: room for the other
// policies on a loaded machine and in a sanitizer build, once the endless one is skipped
const TIMEOUT = 20;
const dir = path.join(root, 'build', 'web', 'hostile');
const pol = path.join(dir, 'policies');
const out = path.join(dir, 'kyojin.html');
const DECL = 'samples/alpha-town.json';

// The cases: every `expect: error` case the page can run as the command line does. Left out:
// the CPU-time cases (SIGVTALRM does not fire in WebAssembly; there the wall-clock limit ends
// them, as c_call_loop_hang shows) and the policies that hang while loading (loading is not a
// policy's evaluation).
const SKIP = new Set(['c_call_loop_in_process', 'pattern_swallowed_in_pcall']);
function cases() {
  const src = path.join(root, 'tests', 'adversarial', 'policy');
  const list = [];
  for (const f of fs.readdirSync(src).sort()) {
    if (!f.endsWith('.lua')) continue;
    const name = f.slice(0, -4);
    const text = fs.readFileSync(path.join(src, f), 'utf8');
    if (!/^-- expect: error$/m.test(text) || SKIP.has(name)) continue;
    list.push({ name, text });
  }
  return list;
}

// Write a file only when its content changes (make rebuilds on time stamps).
function put(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.writeFileSync(file, text);
}

runTest('web hostile', async (t) => {
  const list = cases();
  t.ok(list.length >= 30, `only ${list.length} hostile cases`);
  const ids = {};
  list.forEach((c, i) => {
    const id = `MM-${String(i + 10).padStart(2, '0')}`;
    ids[id] = c.name;
    t.ok(/id = "MM-01"/.test(c.text), `${c.name}: no id "MM-01" to rename`);
    put(path.join(pol, 'hostile', `${c.name}.lua`), c.text.replace(/id = "MM-01"/, `id = "${id}"`));
  });
  for (const f of ['aa01.lua', 'zz99.lua'])
    put(path.join(pol, 'benign', f), fs.readFileSync(path.join(root, 'tests/adversarial/policies/benign', f), 'utf8'));
  for (const f of fs.readdirSync(path.join(pol, 'hostile')))
    if (!Object.values(ids).includes(f.slice(0, -4))) fs.rmSync(path.join(pol, 'hostile', f));

  const mk = spawnSync('make', ['-s', '--no-print-directory', '-f', 'web/web.mk',
    `POLICIES=${path.relative(root, pol)}`, `B=${path.relative(root, dir)}`, `OUT=${path.relative(root, out)}`],
  { cwd: root, encoding: 'utf8' });
  if (!t.ok(mk.status === 0, `building the hostile page failed: ${mk.stderr.slice(-2000)}`)) return;

  const args = ['check', DECL, '--format', 'json', '--timeout', String(TIMEOUT)];
  // the command line's run, at the same time as the page's
  const cliDone = new Promise((resolve) => {
    const c = spawn(kyojin, [...args, '--policies', pol], { cwd: root });
    const out = [];
    c.stdout.on('data', (b) => out.push(b));
    c.stderr.resume();
    c.on('close', (status) => resolve({ status, stdout: Buffer.concat(out) }));
  });

  const { browser, page, requests, errors } = await openPage({ file: out });
  const text = fs.readFileSync(path.join(root, DECL), 'utf8');
  const t0 = Date.now();
  await page.evaluate(([x, n, o]) => {
    window.hostileDone = null;
    window.kyojin.checkFull(x, n, o).then((r) => { window.hostileDone = r; }, (e) => { window.hostileDone = { error: String(e) }; });
  }, [text, DECL, { timeout: TIMEOUT }]);
  // use the page while the policies run: every answer must come at once
  let slowest = 0;
  let rounds = 0;
  const field = page.locator('#app input[type=text], #app textarea').first();
  const hasField = (await field.count()) > 0;
  while (!(await page.evaluate(() => window.hostileDone !== null))) {
    const s = Date.now();
    if (hasField) {
      await field.click();
      await field.press('End');
      await field.type('x');
      await field.press('Backspace');
    } else {
      await page.evaluate(() => document.body.click());
    }
    slowest = Math.max(slowest, Date.now() - s);
    rounds++;
    if (Date.now() - t0 > 120000) break;
  }
  const took = Date.now() - t0;
  const r = await page.evaluate(() => window.hostileDone);
  t.ok(hasField, 'no text field in the editor to type into');
  t.ok(r && !r.error, `the check failed in the page: ${r && r.error}`);
  t.ok(rounds >= 3, `only ${rounds} interactions while the policies ran (${took} ms)`);
  // a blocked page would not answer until the endless policy is ended (the whole time limit);
  // a loaded machine delays every answer by a few seconds at most
  t.ok(slowest < TIMEOUT * 1000 / 4, `the page took ${slowest} ms to answer a click while the policies ran`);
  t.ok(took >= TIMEOUT * 1000, `the run took ${took} ms, less than the time limit: did the endless policy run?`);
  const cli = await cliDone;
  const want = JSON.parse(cli.stdout.toString('utf8'));
  const got = JSON.parse(r.text);
  const pw = {};
  for (const p of want.declarations[0].policies) pw[p.id] = p;
  const pg = {};
  for (const p of got.declarations[0].policies) pg[p.id] = p;
  for (const id of Object.keys(ids)) {
    const w = pw[id];
    const g = pg[id];
    if (!t.ok(w && g, `${id} (${ids[id]}): no result (command line ${!!w}, page ${!!g})`)) continue;
    t.ok(g.status === 'error', `${id} (${ids[id]}): status ${g.status} in the page, not error`);
    t.ok(g.status === w.status, `${id} (${ids[id]}): status ${g.status} in the page, ${w.status} on the command line`);
    // the chunk names differ only in the directory the policies were read from; where the
    // command line's CPU-time limit (5 s of CPU, core/engine/timelimit.c) or its wall-clock
    // limit ended a policy first — that depends on the machine's load and on a sanitizer
    // build's speed — the page's reason may be its own time limit or the policy's real end
    const norm = (x) => JSON.stringify(x).replace(/[^\s"]*policies\/hostile\//g, 'hostile/');
    const timed = (x) => /time limit exceeded|wall-clock limit exceeded/.test(JSON.stringify(x));
    t.ok(norm(g.reason) === norm(w.reason) || timed(w.reason) ||
      (ids[id] === 'deep_recursion' && g.status === w.status),
    `${id} (${ids[id]}): reason differs:\n  page: ${JSON.stringify(g.reason)}\n  cli:  ${JSON.stringify(w.reason)}`);
  }
  t.ok(pg['AA-01'] && pg['AA-01'].status === 'pass', `AA-01: ${pg['AA-01'] && pg['AA-01'].status}, not pass`);
  t.ok(pg['ZZ-99'] && pg['ZZ-99'].status === pw['ZZ-99'].status, `ZZ-99: ${pg['ZZ-99'] && pg['ZZ-99'].status}`);
  const hang = Object.keys(ids).find((id) => ids[id] === 'c_call_loop_hang');
  t.ok(/wall-clock limit exceeded/.test(JSON.stringify(pg[hang] && pg[hang].reason)), `${hang}: not ended by the time limit`);
  t.ok(r.code === cli.status, `exit code ${r.code} in the page, ${cli.status} on the command line`);
  // the page still works after the worker was ended: a normal check of the same file
  const again = await page.evaluate(([x, n]) => window.kyojin.checkFull(x, n, {}).then((q) => q.code), [text, DECL]);
  t.ok(again === cli.status, `a second check after the restart ended with ${again}`);
  pageClean(t, requests, errors, out);
  console.log(`web hostile: ${Object.keys(ids).length} hostile policies in ${(took / 1000).toFixed(1)} s; ${rounds} interactions, slowest ${slowest} ms`);
  await browser.close();
});
