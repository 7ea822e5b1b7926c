// tests/web/compare.js KYOJIN — same verdicts, proven: the page's engine (build/kyojin.html)
// against the command line KYOJIN, byte for byte (standard output, exit code and messages),
// for every sample (the invalid ones included), a few options and formats, and 200
// declarations from `kyojin gen`; one page, command lines run one after another. Also
// checks that the page requested nothing but itself.
'use strict';
const { spawnSync } = require('child_process');
const os = require('os');
const { root, openPage, pageRun, pageClean, runTest, fs, path } = require('./lib');

const kyojin = path.resolve(process.argv[2] || path.join(root, 'kyojin'));
const EPOCH = '1767225600'; // SOURCE_DATE_EPOCH for the formats that record a date

function cli(args, cwd, env) {
  const r = spawnSync(kyojin, args, {
    cwd, env: Object.assign({}, process.env, env || {}), maxBuffer: 1 << 28,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

runTest('web compare', async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kyojin-web-'));
  const cases = []; // {name, file (relative to cwd), cwd, args, env}
  const samples = fs.readdirSync(path.join(root, 'samples')).filter((f) => f.endsWith('.json')).sort();
  for (const f of samples) cases.push({ file: `samples/${f}`, cwd: root, args: ['--format', 'json'] });
  const invalid = fs.readdirSync(path.join(root, 'samples/invalid')).filter((f) => f.endsWith('.json')).sort();
  for (const f of invalid) cases.push({ file: `samples/invalid/${f}`, cwd: root, args: ['--format', 'json'] });
  // options and formats
  const variants = [
    ['--format', 'json', '--lang', 'en'],
    ['--format', 'json', '--no-risk'],
    ['--format', 'json', '--as-of', '2027-06-30', '--param', 'ST-06.max_refresh_days=14'],
    ['--format', 'text'],
    ['--format', 'html'],
    ['--format', 'csv'],
    ['--format', 'csv', '--csv-table', 'assets'],
    ['--format', 'sarif'],
  ];
  for (const v of variants)
    for (const f of ['samples/gaps-village.json', 'samples/alpha-town.json'])
      cases.push({ file: f, cwd: root, args: v, env: { SOURCE_DATE_EPOCH: EPOCH } });
  // 200 generated declarations
  const g = cli(['gen', '--out', path.join(tmp, 'gen'), '--count', '200', '--seed', '16', '--quiet'], tmp);
  t.ok(g.code === 0, `kyojin gen failed: ${g.stderr}`);
  const gen = fs.readdirSync(path.join(tmp, 'gen')).filter((f) => f.endsWith('.json')).sort();
  t.ok(gen.length === 200, `kyojin gen wrote ${gen.length} declarations, not 200`);
  for (const f of gen) cases.push({ file: `gen/${f}`, cwd: tmp, args: ['--format', 'json'] });

  const { browser, page, requests, errors } = await openPage();
  let generatedMs = 0;
  for (const c of cases) {
    const args = ['check', c.file, ...c.args];
    const want = cli(args, c.cwd, c.env);
    const files = { [c.file]: fs.readFileSync(path.join(c.cwd, c.file)) };
    const t0 = Date.now();
    const got = await pageRun(page, args, files, { env: c.env || null });
    if (c.file.startsWith('gen/')) generatedMs += Date.now() - t0;
    const what = `kyojin ${args.join(' ')}`;
    const same = Buffer.from(got.stdout, 'base64').equals(want.stdout);
    t.ok(same, `${what}: standard output differs (${Buffer.from(got.stdout, 'base64').length} bytes in the page, ${want.stdout.length} on the command line)`);
    if (!same) fs.writeFileSync(path.join(tmp, 'differs.out'), Buffer.from(got.stdout, 'base64'));
    t.ok(got.code === want.code, `${what}: exit code ${got.code} in the page, ${want.code} on the command line`);
    t.ok(got.stderr === want.stderr, `${what}: messages differ:\n  page: ${got.stderr.slice(0, 300)}\n  cli:  ${want.stderr.slice(0, 300)}`);
  }
  // a verdict that is really there: at least one not compliant and one invalid
  t.ok(cases.length > 240, `only ${cases.length} cases`);
  pageClean(t, requests, errors);
  console.log(`web compare: ${cases.length} command lines; 200 generated declarations in ${(generatedMs / 1000).toFixed(1)} s in the page`);
  await browser.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
