// bench/web.js — the page's time to a first result (issue 16): build/kyojin.html opened from
// file:// in Debian's headless Chromium (playwright-core of tests/web), a fresh browser
// context each time, then window.kyojin.check on samples/base.json (55 KB) at once. Measured
// in the page with performance.now(): since the navigation started (reading the page,
// compiling the wasm, starting the worker, the editor's first validation, the check) and the
// check call alone, then three more checks of the same file in the same page. Writes the
// section between the web markers of bench/results.md (added at its end when missing).
//   node bench/web.js [RUNS]
'use strict';
const path = require('path');
const fs = require('fs');
const root = path.resolve(__dirname, '..');
const { chromium } = require(path.join(root, 'tests/web/node_modules/playwright-core'));

const runs = +(process.argv[2] || 5);
const page = path.join(root, 'build/kyojin.html');
const decl = path.join(root, 'samples/base.json');
const results = path.join(__dirname, 'results.md');
const BEGIN = '<!-- web:begin (bench/web.js) -->';
const END = '<!-- web:end -->';

(async () => {
  if (!fs.existsSync(page)) {
    console.error('bench/web.js: build/kyojin.html missing (make web)');
    process.exit(2);
  }
  const text = fs.readFileSync(decl, 'utf8');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const first = [];
  const call = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext({ offline: true });
    const p = await ctx.newPage();
    await p.goto('file://' + page);
    const r = await p.evaluate(async (x) => {
      const t0 = performance.now();
      await window.kyojin.check(x, 'samples/base.json', {});
      const t1 = performance.now();
      const again = [];
      for (let k = 0; k < 3; k++) {
        const s = performance.now();
        await window.kyojin.check(x, 'samples/base.json', {});
        again.push(performance.now() - s);
      }
      return { sinceNavigation: t1, call: t1 - t0, again };
    }, text);
    first.push(r.sinceNavigation);
    call.push(r.call);
    warm.push(...r.again);
    await ctx.close();
  }
  await browser.close();
  const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
  const ms = (x) => `${Math.round(x)} ms`;
  const size = fs.statSync(page).size;
  const section = [
    BEGIN,
    '## Web page (build/kyojin.html)',
    '',
    `Headless Chromium (${process.env.CHROMIUM_VERSION || 'Debian /usr/bin/chromium'}), page from file://, ${runs} fresh contexts, ` +
      `samples/base.json (${fs.statSync(decl).size} bytes); times from performance.now() in the page (\`node bench/web.js\`, ${new Date().toISOString().slice(0, 10)}, ${require('os').cpus().length} cores, load average ${require('os').loadavg()[0].toFixed(1)}).`,
    '',
    '| measure | median | max |',
    '|---|---|---|',
    `| first result, since the navigation started (page, wasm compile, worker, editor's first validation, check) | ${ms(med(first))} | ${ms(Math.max(...first))} |`,
    `| the first check call alone | ${ms(med(call))} | ${ms(Math.max(...call))} |`,
    `| later checks of the same file (fresh engine instance each) | ${ms(med(warm))} | ${ms(Math.max(...warm))} |`,
    `| size of build/kyojin.html | ${(size / 1048576).toFixed(2)} MiB | limit 4 MiB |`,
    END,
  ].join('\n');
  let md = fs.existsSync(results) ? fs.readFileSync(results, 'utf8') : '';
  const a = md.indexOf(BEGIN);
  const b = md.indexOf(END);
  if (a >= 0 && b > a) md = md.slice(0, a) + section + md.slice(b + END.length);
  else md = md.replace(/\n*$/, '\n\n') + section + '\n';
  fs.writeFileSync(results, md);
  console.log(section);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
