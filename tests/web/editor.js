// tests/web/editor.js KYOJIN — the editor used as a person uses it: a small α village
// declaration built through the interface only (typing and clicking: the body, two assets,
// one screen transfer into the My Number segment), saved with the page's own button, then
// validated and checked by the command line with the same verdict as the page; the report's
// findings lead back to their field; autosave survives a reload and "clear" removes it.
// Screenshots of every section and of the report go to tests/artifacts/web (not committed).
'use strict';
const { spawnSync } = require('child_process');
const os = require('os');
const { root, artifacts, openPage, pageClean, runTest, fs, path } = require('./lib');

const kyojin = path.resolve(process.argv[2] || path.join(root, 'kyojin'));
const q = (ptr) => `[data-ptr="${ptr}"]`;

runTest('web editor', async (t) => {
  fs.mkdirSync(artifacts, { recursive: true });
  const { browser, page, requests, errors } = await openPage();
  page.on('dialog', (d) => d.accept());
  const shot = (name) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  const idle = async () => {
    await page.waitForTimeout(650); // the validation runs 500 ms after the last change
    await page.waitForFunction(() => !/確認しています/.test(document.querySelector('.live').textContent));
  };
  const text = async (ptr, value) => {
    const i = page.locator(`${q(ptr)} input, ${q(ptr)} textarea`).first();
    await i.click();
    await i.press('Control+a');
    await i.pressSequentially(value);
  };
  const choose = async (ptr, label) => page.locator(`${q(ptr)} select`).first().selectOption({ label });
  const yesno = async (ptr, word) => page.locator(`${q(ptr)} fieldset.yesno`).first().getByLabel(word, { exact: true }).check();
  const section = async (name) => page.locator('nav.sections button', { hasText: name }).first().click();

  // a new α declaration from the template
  await page.locator('#tmpl-model').selectOption({ label: 'αモデル（従来モデル）' });
  await page.getByRole('button', { name: '新しく作る' }).click();
  await idle();
  t.ok((await page.locator('.errors ul.errs li').count()) > 0, 'the empty template shows no errors');

  // 団体情報
  await section('団体情報');
  // as a Japanese input method types: nothing is taken while the text is being composed
  const nameInput = page.locator(`${q('/body/name')} input`);
  await nameInput.click();
  await nameInput.evaluate((i) => {
    i.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
    i.value = 'こもれびむら';
    i.dispatchEvent(new InputEvent('input', { data: 'こもれびむら', isComposing: true, inputType: 'insertCompositionText' }));
  });
  t.ok(await page.evaluate(() => window.kyojinEditor.doc.body.name === undefined), 'text taken while it was being composed');
  await nameInput.evaluate((i) => {
    i.value = 'こもれび村';
    i.dispatchEvent(new InputEvent('input', { data: 'こもれび村', isComposing: true, inputType: 'insertCompositionText' }));
    i.dispatchEvent(new CompositionEvent('compositionend', { data: 'こもれび村' }));
  });
  t.ok(await page.evaluate(() => window.kyojinEditor.doc.body.name) === 'こもれび村', 'the composed text was not taken');
  t.ok(await page.evaluate(() => document.activeElement && document.activeElement.closest('[data-ptr]').getAttribute('data-ptr')) === '/body/name',
    'the field lost the focus while typing');
  await choose('/body/prefecture', '奈良県');
  await text('/body/code', '294594');
  await choose('/body/kind', '村');
  await page.locator(`${q('/body/as_of')} input`).fill('2026-10-01');
  await text('/body/contact/department', '総務課');
  await idle();
  t.ok((await page.locator(`${q('/body/name')}.has-error`).count()) === 0, 'the body name is still marked as an error');

  // 資産: two assets
  await section('資産');
  await page.getByRole('button', { name: '追加：情報資産' }).click();
  const asset = async (i, a) => {
    const p = `/assets/${i}`;
    await text(`${p}/id`, a.id);
    await text(`${p}/name`, a.name);
    await choose(`${p}/kind`, a.kind);
    await choose(`${p}/segment`, a.segment);
    await text(`${p}/count`, a.count);
    await choose(`${p}/placement/logical`, a.logical);
    await choose(`${p}/placement/physical`, a.physical);
    await yesno(`${p}/internet_boundary`, 'いいえ');
    if (a.data) await page.locator(`${q(`${p}/data`)}`).getByRole('button', { name: /追加|この項目/ }).first().click();
    if (a.data) await page.locator(`${q(`${p}/data`)}`).getByLabel(a.data, { exact: true }).check();
  };
  await asset(0, { id: 'lgwan-pc', name: 'LGWAN接続系 端末', kind: '端末', segment: 'LGWAN接続系', count: '25',
    logical: '内部ネットワーク（脅威レベル2）', physical: '入退室が制限された場所（2）' });
  await page.getByRole('button', { name: '追加：情報資産' }).click();
  await asset(1, { id: 'juki', name: '住民記録システム', kind: 'サーバ', segment: 'マイナンバー利用事務系', count: '1',
    logical: '閉鎖ネットワーク（脅威レベル1）', physical: '多要素認証で入室を制限した部屋（1）', data: 'マイナンバー（特定個人情報）' });
  await idle();

  // 画面転送: one connection from the LGWAN segment into the My Number segment
  await section('画面転送');
  await page.getByRole('button', { name: '追加：画面転送による接続' }).click();
  const s = '/screen_transfer/0';
  await text(`${s}/id`, 'st-mynumber');
  await choose(`${s}/terminal_segment`, 'LGWAN接続系');
  await choose(`${s}/target_segment`, 'マイナンバー利用事務系');
  await choose(`${s}/method`, 'オンプレミスVDI');
  for (const f of ['local_breakout', 'terminal_remains_in_internet', 'lgwan_internet_breakout',
    'redirection/clipboard/to_local', 'redirection/clipboard/to_virtual', 'redirection/file/to_local',
    'redirection/file/to_virtual', 'redirection/printer', 'redirection/drive', 'redirection/usb', 'wireless_lan/used'])
    await yesno(`${s}/${f}`, 'いいえ');
  for (const f of ['encryption', 'session_rebuild', 'session_ends_with_local', 'mfa', 'designated_staff_only',
    'executive_decision/decided', 'platform_patch_managed'])
    await yesno(`${s}/${f}`, 'はい');
  await text(`${s}/refresh_interval_days`, '7');
  await idle();

  const errs = await page.locator('.errors ul.errs li').allTextContents();
  t.ok(errs.length === 0, `the declaration built in the editor has errors: ${errs.join(' / ')}`);
  // a part the policies need but that is not filled in: listed, marked, and reached by its link
  const needs = await page.locator('.errors ul.needs li').allTextContents();
  t.ok(needs.some((x) => x.startsWith('/incident_response')), `the fields the policies need are not listed: ${needs.join(' / ')}`);
  if (needs.length) {
    await page.locator('.errors ul.needs a', { hasText: '/incident_response' }).first().click();
    t.ok(await page.locator(`${q('/incident_response')}.needed`).count() === 1, 'the part the policies need is not marked');
    await shot('needed');
  }
  const live = await page.locator('.live').textContent();
  t.ok(/適合 \d+/.test(live), `no verdict shown while editing: ${live}`);

  // every section, as a person sees it
  const names = await page.locator('nav.sections button').allTextContents();
  for (let i = 0; i < names.length; i++) {
    await page.locator('nav.sections button').nth(i).click();
    await page.locator('details.card summary').evaluateAll((ss) => ss.forEach((x) => { if (!x.parentElement.open) x.click(); }));
    await shot(`section-${String(i + 1).padStart(2, '0')}`);
    // every control has a name a screen reader can say
    const unnamed = await page.locator('main input, main select, main textarea, main button').evaluateAll((xs) =>
      xs.filter((x) => !(x.labels && x.labels.length) && !x.getAttribute('aria-label') && !x.getAttribute('aria-labelledby') && !x.textContent.trim())
        .map((x) => x.closest('[data-ptr]') && x.closest('[data-ptr]').getAttribute('data-ptr')));
    t.ok(unnamed.length === 0, `${names[i]}: controls without a label: ${unnamed.slice(0, 5).join(', ')}`);
  }

  // save through the page's button
  // keyboard: Tab goes from one field to the next, in the order shown
  await section('団体情報');
  await page.locator(`${q('/body/name')} input`).focus();
  await page.keyboard.press('Tab');
  t.ok(await page.evaluate(() => document.activeElement.closest('[data-ptr]').getAttribute('data-ptr')) === '/body/name_en',
    'Tab from the body name does not reach the next field');

  await page.locator('#file-name').fill('komorebi.json');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '申告を保存' }).click()]);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kyojin-editor-'));
  const saved = path.join(tmp, 'komorebi.json');
  await dl.saveAs(saved);
  t.ok(dl.suggestedFilename() === 'komorebi.json', `saved as ${dl.suggestedFilename()}`);
  const savedText = fs.readFileSync(saved, 'utf8');
  t.ok(savedText === await page.evaluate(() => window.kyojinEditor.text()), 'the saved file is not the editor\'s text');

  // the command line reads it, valid, with the page's verdict, byte for byte
  const cli = spawnSync(kyojin, ['check', 'komorebi.json', '--format', 'json'], { cwd: tmp, maxBuffer: 1 << 28 });
  t.ok(cli.status === 0 || cli.status === 1, `kyojin check of the saved file exited ${cli.status}: ${cli.stderr}`);
  const d = JSON.parse(cli.stdout.toString()).declarations[0];
  t.ok(d.body.name === 'こもれび村' && d.body.model === 'alpha', `the command line read ${JSON.stringify(d.body)}`);
  t.ok(d.policies.some((p) => p.findings.some((f) => (f.pointer || '').startsWith('/screen_transfer/0'))),
    'no policy looked at the screen transfer');
  const mine = await page.evaluate((x) => window.kyojin.check(x, 'komorebi.json', {}), savedText);
  t.ok(mine === cli.stdout.toString(), 'the page\'s result for the saved file differs from the command line\'s');

  // check: the report in the page, the findings lead back to the editor
  await page.getByRole('button', { name: '点検する' }).click();
  const frame = page.frameLocator('#report-frame');
  await frame.locator('h1').waitFor();
  await page.waitForTimeout(300);
  await shot('report');
  await page.locator('#report').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(artifacts, 'report-top.png') });
  const link = frame.locator('a[title="この項目へ"]').first();
  t.ok((await link.count()) > 0, 'no finding in the report leads back to the editor');
  if (await link.count()) {
    const ptr = await link.textContent();
    await link.click();
    await page.waitForTimeout(300);
    const focused = await page.evaluate(() => { const a = document.activeElement; const c = a && a.closest('[data-ptr]'); return c && c.getAttribute('data-ptr'); });
    t.ok(focused && (focused === ptr || focused.startsWith(ptr) || ptr.startsWith(focused)), `the link ${ptr} focused ${focused}`);
    await shot('report-link-followed');
  }
  for (const [id, ext] of [['#dl-html', '.html'], ['#dl-json', '.result.json'], ['#dl-csv', '.csv'], ['#dl-xlsx', '.xlsx']]) {
    const [f] = await Promise.all([page.waitForEvent('download'), page.locator(id).click()]);
    const to = path.join(tmp, `dl${ext}`);
    await f.saveAs(to);
    t.ok(f.suggestedFilename() === `komorebi${ext}` && fs.statSync(to).size > 100, `download ${id}: ${f.suggestedFilename()} ${fs.statSync(to).size} bytes`);
  }
  const want = spawnSync(kyojin, ['check', 'komorebi.json', '--format', 'json'], { cwd: tmp }).stdout.toString();
  t.ok(fs.readFileSync(path.join(tmp, 'dl.result.json'), 'utf8') === want, 'the downloaded result differs from the command line\'s');
  t.ok(fs.readFileSync(path.join(tmp, 'dl.xlsx')).subarray(0, 2).toString() === 'PK', 'the workbook is not a zip file');

  // autosave: a reload keeps the declaration; clear removes it
  await page.reload();
  await page.waitForFunction(() => window.kyojinEditor);
  t.ok(await page.evaluate(() => window.kyojinEditor.doc.body.name) === 'こもれび村', 'the declaration did not survive a reload');
  await page.getByRole('button', { name: '消去' }).click();
  await page.waitForTimeout(300);
  t.ok(await page.evaluate(() => !window.kyojinEditor.doc.body.name && !/こもれび村/.test(localStorage.getItem('kyojin.declaration.v1') || '')),
    'clear left the declaration');
  // English
  await page.getByRole('button', { name: 'English' }).click();
  t.ok(await page.locator('h1').first().textContent() === 'kyojin — check a declaration', 'no English');
  await shot('english');

  pageClean(t, requests, errors);
  await browser.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
