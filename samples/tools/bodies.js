// The fictional bodies of samples/*.json other than base.json. Each function returns one
// declaration; sizes come from a seeded inventory so the files never change between runs.
'use strict';
const L = require('./lib');
const { ev, asset, terminalControls: T, serverControls: S, networkControls: N,
        cloudControls: C, closedConnection, clone } = L;

// ----------------------------------------------------------------------------------------
// Inventory building blocks
// ----------------------------------------------------------------------------------------

// My Number core systems (基幹業務システム) most bodies run.
const CORE = [
  ['juki', '住民記録システム'], ['tax', '税務システム'], ['kokuho', '国民健康保険システム'],
  ['kaigo', '介護保険システム'], ['shogai', '障害者福祉システム'], ['jidou', '児童手当システム'],
  ['seiho', '生活保護システム'], ['atena', '団体内統合宛名システム'], ['nenkin', '国民年金システム'],
  ['kosodate', '子ども・子育て支援システム'], ['kenkou', '健康管理システム'], ['shuno', '収納管理システム'],
];
// Internal business systems (内部情報系).
const INTERNAL = [
  ['doc-mgmt', '文書管理システム'], ['payroll', '人事給与システム'], ['accounting', '財務会計システム'],
  ['groupware', 'グループウェア'], ['kessai', '電子決裁システム'], ['shisan', '公有財産管理システム'],
  ['gikai', '議会会議録システム'], ['keiyaku', '契約管理システム'],
];
// Branch offices (支所・出張所) for larger bodies.
const BRANCHES = ['北', '南', '東', '西', '中央', '駅前', '山手', '港', '川辺', '丘陵'];

// A seeded inventory. `o` fixes the shape:
//   model, core (number of core systems), internal (number of internal systems),
//   branches (number of branch offices), pcs (business terminals), mnPcs (My Number
//   terminals), gaps (function(assets) applied at the end), rnd (seeded random)
function inventory(o) {
  const A = [];
  const termSeg = (o.model === 'beta' || o.model === 'beta_prime') ? 'internet' : 'lgwan';
  const internalSeg = o.model === 'beta_prime' ? 'internet' : 'lgwan';
  // business terminals
  A.push(asset('biz-pc', (termSeg === 'internet' ? 'インターネット接続系' : 'LGWAN接続系') + ' 業務端末',
    'terminal', termSeg, o.pcs, 'intranet', 'restricted', false, T(),
    { data: ['confidential_2', 'confidential_1', 'public'] }));
  if (termSeg === 'internet' && o.lgwanPcs) {
    A.push(asset('lgwan-pc', 'LGWAN接続系 端末（残置）', 'terminal', 'lgwan', o.lgwanPcs,
      'intranet', 'restricted', false, T(), { data: ['confidential_2'] }));
  }
  // internal business systems
  for (let i = 0; i < o.internal; i++) {
    const [id, name] = INTERNAL[i];
    const ac = (id === 'doc-mgmt' || id === 'groupware')
      ? { access_control: { per_division: true, per_section: !(o.rnd() < 0.3) } } : {};
    A.push(asset(id, name, 'server', internalSeg, 2, 'intranet', 'restricted', false, S(ac),
      { data: id === 'payroll' ? ['confidential_3', 'confidential_2'] : ['confidential_2'] }));
  }
  A.push(asset('lgwan-fw', 'LGWAN接続系 ファイアウォール', 'network_device', 'lgwan', 2,
    'intranet', 'mfa_room', false, N()));
  A.push(asset('lgwan-core-sw', 'LGWAN接続系 コアスイッチ', 'network_device', 'lgwan', 2,
    'intranet', 'mfa_room', false, N({ firewall: false, ips: false })));
  A.push(asset('lgwan-ad', 'LGWAN接続系 ディレクトリサーバ', 'server', 'lgwan', 2,
    'intranet', 'mfa_room', false, S(), { infrastructure: true }));
  // internet boundary
  A.push(asset('inet-fw', 'インターネット境界ファイアウォール', 'network_device', 'internet', 2,
    'internet_reachable', 'restricted', true, N()));
  A.push(asset('web-proxy', 'Webプロキシ', 'gateway', 'internet', 2, 'intranet', 'restricted', false,
    N({ url_filtering: true })));
  A.push(asset('mail-relay', 'インターネットメール中継サーバ', 'mail_relay', 'internet', 2,
    'internet_reachable', 'restricted', true, S({ mail_filtering: true })));
  // My Number segment
  for (let i = 0; i < o.core; i++) {
    const [id, name] = CORE[i];
    A.push(asset(id, name, i % 4 === 3 ? 'database' : 'server', 'mynumber', o.core > 8 ? 4 : 2,
      'isolated', 'mfa_room', false, S(), { data: ['my_number', 'confidential_3'] }));
  }
  A.push(asset('mn-pc', 'マイナンバー利用事務系 専用端末', 'terminal', 'mynumber', o.mnPcs,
    'isolated', 'restricted', false, T(), { data: ['my_number', 'confidential_3'] }));
  A.push(asset('mn-fw', 'マイナンバー利用事務系 ファイアウォール', 'network_device', 'mynumber', 2,
    'isolated', 'mfa_room', false, N()));
  A.push(asset('mn-sw', 'マイナンバー利用事務系 スイッチ', 'network_device', 'mynumber', 2,
    'isolated', 'mfa_room', false, N({ firewall: false, ips: false })));
  A.push(asset('maint-pc', '保守用端末', 'maintenance_terminal', 'mynumber', 1, 'isolated', 'mfa_room',
    false, T()));
  A.push(asset('backup-store', 'バックアップストレージ', 'storage', 'lgwan', 1, 'isolated', 'mfa_room', false,
    { encryption: { at_rest: true, in_transit: true }, backup: { enabled: true, includes_mail: true, offline: true },
      patch: { os_timely: true, managed_by_vendor: true }, privilege_management: true }));
  // branch offices: routers, switches, printers' servers
  for (let b = 0; b < o.branches; b++) {
    const tag = 'br' + String(b + 1).padStart(2, '0');
    const name = BRANCHES[b % BRANCHES.length] + (b >= BRANCHES.length ? '第二' : '') + '支所';
    A.push(asset(tag + '-router', name + ' ルータ', 'network_device', termSeg, 1, 'intranet', 'restricted',
      false, N({ firewall: true, ips: false })));
    A.push(asset(tag + '-sw', name + ' スイッチ', 'network_device', termSeg, 2, 'intranet', 'restricted',
      false, N({ firewall: false, ips: false })));
    A.push(asset(tag + '-mn-router', name + ' マイナンバー利用事務系 ルータ', 'network_device', 'mynumber', 1,
      'isolated', 'restricted', false, N({ ips: false })));
    A.push(asset(tag + '-print', name + ' プリントサーバ', 'server', termSeg, 1, 'intranet', 'restricted',
      false, S({ dlp: false, ndr: false })));
  }
  return A;
}

function findAsset(d, id) {
  const a = d.assets.find((x) => x.id === id);
  if (!a) throw new Error('no asset ' + id);
  return a;
}

// Sections most bodies declare the same way (compliant); samples override parts.
function common(o) {
  return {
    removable_media: { used: true, device_connection_control: true, media_management: true },
    remote_maintenance: { used: true, closed_network: true },
    e_application: { used: false },
    organisation: {
      csirt: { exists: true, roles_defined: true },
      training: true, cyder: true, info_sharing: true, policy_follows_guideline: true,
    },
    audits: [
      { date: o.auditDate || '2026-01-30', type: 'external', auditor: o.auditor || '情報システム監査株式会社',
        auditor_qualifications: ['公認情報システム監査人（CISA）'], report_submitted_to_jlis: true },
    ],
    telework: { used: false },
    byod: { used: false },
    web_conferencing: { used: true, outsider_exclusion: true, suspicious_removal: true, content_check_beforehand: true },
    remote_access: { used: false },
    external_services: [],
  };
}

function contract(id, vendor, scope, o = {}) {
  const c = {
    id, vendor, scope,
    patch_process: {
      full_scope: o.full_scope === undefined ? true : o.full_scope,
      includes_network_devices: o.includes_network_devices === undefined ? true : o.includes_network_devices,
      round_cap: o.round_cap === undefined ? null : o.round_cap,
    },
    settings_guaranteed: o.settings_guaranteed === undefined ? true : o.settings_guaranteed,
    sbom: o.sbom || { provided: false },
  };
  if (o.cloud_settings_check) c.cloud_settings_check = o.cloud_settings_check;
  return c;
}

function body(name, name_en, prefecture, code, kind, population, department, domain) {
  return {
    name, name_en, prefecture, code, kind, population, as_of: '2026-10-01',
    contact: { department, email: 'johoka@' + domain + '.example.jp' },
  };
}

// ----------------------------------------------------------------------------------------
// α: にしき野町 — conventional model; internet reached by a secure browser from lgwan
// terminals, mail as text, files through CDR; My Number work by on-premises SBC (route (5)).
// ----------------------------------------------------------------------------------------
function alphaTown() {
  const rnd = L.rng(101);
  const d = {
    schema: 'kyojin/declaration/v1',
    body: body('にしき野町', 'Nishikino Town', '茨城県', '085499', 'town', 21800, '総務課 情報係', 'town.nishikino'),
    model: 'alpha',
    assets: inventory({ model: 'alpha', core: 8, internal: 4, branches: 2, pcs: 210, mnPcs: 35, rnd }),
  };
  d.assets.push(
    asset('inet-sb', 'インターネット接続系 セキュアブラウザ基盤', 'screen_transfer_platform', 'internet', 2,
      'intranet', 'restricted', false, S()),
    asset('mn-sbc', 'マイナンバー利用事務系 SBC基盤', 'screen_transfer_platform', 'mynumber', 2,
      'isolated', 'mfa_room', false, S(), { data: ['my_number'] }),
    asset('harmless-srv', '無害化サーバ（CDR）', 'file_link_server', 'lgwan', 1, 'intranet', 'mfa_room', false, S()),
    asset('mail-text', 'メール無害化（テキスト化）サーバ', 'mail_relay', 'lgwan', 1, 'intranet', 'mfa_room', false,
      S({ mail_filtering: true })),
    asset('file-exchange', 'ファイル交換システム（境界セグメント）', 'file_link_server', 'lgwan', 1, 'intranet',
      'mfa_room', false, S(), { data: ['confidential_2'] }),
  );
  const decided = ev(true, 'にしき野町 情報セキュリティ委員会 決定書（第2024-07号）', '2024-09-18');
  Object.assign(d, {
    screen_transfer: [
      closedConnection({ id: 'st-web', terminal_segment: 'lgwan', target_segment: 'internet',
        method: 'secure_browser', platform_asset: 'inet-sb', executive_decision: { decided: true, date: '2019-03-20' } }),
      closedConnection({ id: 'st-mn-sbc', terminal_segment: 'lgwan', target_segment: 'mynumber', method: 'sbc',
        platform_asset: 'mn-sbc', executive_decision: { decided, date: '2024-09-18' }, refresh_interval_days: 7 }),
    ],
    harmlessization: { methods: ['cdr', 'image_pdf'], unknown_malware_detection: true },
    mail: { delivery: 'text_only', attachments_removed: true, html_to_text: true, relay_only: true, smtp_only: true },
    segment_boundary: { internet_lgwan_screen_transfer_only: true },
    data_links: [
      { id: 'dl-exchange', model: '1b', description: 'ファイル交換システムで国・県からの照会データをLGWAN接続系へ受け渡す',
        from_segment: 'internet', to_segment: 'lgwan', assets: ['file-exchange', 'harmless-srv'],
        controls: { malware_check: true, harmlessization: true, access_control: true, logging: true } },
    ],
  }, common({}));
  d.contracts = [
    contract('c-network', '株式会社ひたちなかネットワーク', ['network_device', 'inet-sb', 'mn-sbc'],
      { sbom: { provided: true, scope: 'セキュアブラウザ基盤・SBC基盤のOS及び仮想化ソフトウェア', covers: ['inet-sb', 'mn-sbc'] } }),
    contract('c-core', '自治体クラウドサービス株式会社', ['juki', 'tax', 'kokuho', 'kaigo', 'shogai', 'jidou', 'seiho', 'atena']),
  ];
  d.vulnerabilities = [
    { asset: 'inet-fw', cve: 'CVE-2024-3400', cvss: 10.0, exploited: true, patched: true },
  ];
  // Known gaps: no application allow-listing on lgwan terminals (AL-05, recommended).
  findAsset(d, 'biz-pc').controls.allowlisting = false;
  return d;
}

// ----------------------------------------------------------------------------------------
// α: ほたる川村 — small village; My Number work by a secure browser from lgwan terminals,
// with a terminal also left in the internet segment (route (7)′); mail read by screen
// transfer from a virtual desktop; visual check with its procedure.
// ----------------------------------------------------------------------------------------
function alphaVillage() {
  const rnd = L.rng(202);
  const d = {
    schema: 'kyojin/declaration/v1',
    body: body('ほたる川村', 'Hotarugawa Village', '熊本県', '435155', 'village', 3900, '総務課', 'vill.hotarugawa'),
    model: 'alpha',
    assets: inventory({ model: 'alpha', core: 6, internal: 3, branches: 0, pcs: 48, mnPcs: 12, rnd }),
  };
  d.assets.push(
    asset('inet-pc', 'インターネット接続系 端末（残置）', 'terminal', 'internet', 6, 'intranet', 'restricted', false, T()),
    asset('inet-vdi', 'インターネット接続系 仮想デスクトップ基盤', 'screen_transfer_platform', 'internet', 1,
      'intranet', 'restricted', false, S()),
    asset('mn-sb', 'マイナンバー利用事務系 セキュアブラウザ基盤', 'screen_transfer_platform', 'mynumber', 1,
      'isolated', 'mfa_room', false, S(), { data: ['my_number'] }),
  );
  Object.assign(d, {
    screen_transfer: [
      closedConnection({ id: 'st-inet-vdi', terminal_segment: 'lgwan', target_segment: 'internet', method: 'vdi',
        platform_asset: 'inet-vdi', executive_decision: { decided: true, date: '2017-02-10' } }),
      closedConnection({ id: 'st-mn-browser', terminal_segment: 'lgwan', target_segment: 'mynumber',
        method: 'secure_browser', platform_asset: 'mn-sb', terminal_remains_in_internet: true,
        executive_decision: { decided: true, date: '2025-06-12' }, refresh_interval_days: 1 }),
    ],
    harmlessization: {
      methods: ['visual_check', 'text_extraction'],
      visual_check_procedure: { sender: true, subject: true, wording: true, fonts: true },
      unknown_malware_detection: true,
    },
    mail: { delivery: 'screen_transfer', attachments_removed: false, html_to_text: false, relay_only: true, smtp_only: true },
    segment_boundary: { internet_lgwan_screen_transfer_only: true },
    data_links: [],
  }, common({ auditDate: '2025-12-05', auditor: '熊本情報監査事務所' }));
  d.contracts = [
    contract('c-all', '株式会社あそシステム', ['network_device', 'server', 'screen_transfer_platform', 'terminal'],
      { sbom: { provided: false } }),
  ];
  d.vulnerabilities = [];
  d.organisation.cyder = ev(true, 'CYDER 受講記録（令和7年度 熊本会場）', '2025-10-08');
  return d;
}

// ----------------------------------------------------------------------------------------
// α′: さくら台市 — lgwan terminals reach cloud services by local breakout; My Number work
// through DaaS on a CSP different from the Government Cloud's, reached by LBO (route (1)).
// ----------------------------------------------------------------------------------------
function alphaPrimeCity() {
  const rnd = L.rng(303);
  const d = {
    schema: 'kyojin/declaration/v1',
    body: body('さくら台市', 'Sakuradai City', '千葉県', '122394', 'city', 96500, '総務部 デジタル推進課', 'city.sakuradai'),
    model: 'alpha_prime',
    assets: inventory({ model: 'alpha_prime', core: 10, internal: 6, branches: 4, pcs: 640, mnPcs: 90, rnd }),
  };
  d.assets.push(
    asset('lbo-gw', 'ローカルブレイクアウト ゲートウェイ', 'gateway', 'lgwan', 2, 'internet_reachable', 'mfa_room', true,
      N({ url_filtering: true })),
    asset('inet-sb', 'インターネット接続系 セキュアブラウザ基盤', 'screen_transfer_platform', 'internet', 2,
      'intranet', 'restricted', false, S()),
    asset('m365', 'クラウド型グループウェア（メール・ファイル共有）', 'cloud_service', 'cloud', 1, 'internet_reachable',
      'restricted', true, C(), { data: ['confidential_2'] }),
    asset('mn-daas', 'マイナンバー利用事務系 DaaS', 'screen_transfer_platform', 'cloud', 1, 'intranet', 'restricted',
      false, C(), { data: ['my_number'] }),
    asset('cloud-storage', 'クラウドストレージ（LBO経由）', 'storage', 'cloud', 1, 'intranet', 'restricted', false, C(),
      { data: ['confidential_2'] }),
    asset('harmless-srv', '無害化サーバ', 'file_link_server', 'lgwan', 1, 'intranet', 'mfa_room', false, S()),
    asset('e-app', '電子申請サービス', 'cloud_service', 'cloud', 1, 'internet_reachable', 'restricted', true, C(),
      { data: ['confidential_2'] }),
  );
  // α′: anti-malware with behaviour detection on lgwan terminals (AP-01 default met).
  const decided = ev(true, '庁議決定 第2025-11号（マイナンバー利用事務系 DaaS 導入）', '2025-08-05');
  Object.assign(d, {
    screen_transfer: [
      closedConnection({ id: 'st-web', terminal_segment: 'lgwan', target_segment: 'internet', method: 'secure_browser',
        platform_asset: 'inet-sb', executive_decision: { decided: true, date: '2020-01-15' } }),
      closedConnection({ id: 'st-mn-daas', terminal_segment: 'lgwan', target_segment: 'mynumber', method: 'daas',
        platform_asset: 'mn-daas', daas_csp: 'microsoft', gov_cloud_csp: 'aws', local_breakout: true,
        wireless_lan: { used: true, mynumber_staff_only: true },
        executive_decision: { decided, date: '2025-08-05' }, refresh_interval_days: 7 }),
    ],
    harmlessization: { methods: ['cdr'], unknown_malware_detection: true },
    mail: { delivery: 'text_only', attachments_removed: true, html_to_text: true, relay_only: true, smtp_only: true },
    segment_boundary: { internet_lgwan_screen_transfer_only: true },
    data_links: [
      { id: 'dl-storage', model: '1c', description: 'LGWAN接続系からローカルブレイクアウトでクラウドストレージの申請添付書類を取得する',
        from_segment: 'cloud', to_segment: 'lgwan', assets: ['cloud-storage', 'lbo-gw', 'harmless-srv'],
        cloud_accounts: ['ca-m365'],
        controls: { malware_check: true, harmlessization: true, access_control: true, mfa: true, encryption: true, logging: true } },
      { id: 'dl-cloud-acl', model: '2', description: '電子申請データをクラウド上のアクセス制御で担当課に限定して共有する',
        from_segment: 'cloud', to_segment: 'cloud', assets: ['e-app', 'cloud-storage'], cloud_accounts: ['ca-m365', 'ca-eapp'],
        controls: { malware_check: true, format_check: true, access_control: true, mfa: true, encryption: true, logging: true } },
    ],
    cloud_accounts: [
      { id: 'ca-m365', provider: 'microsoft', mfa: true, iam_least_privilege: true, audit_log_protected: true,
        alerts_protected: true, api_inventory: true, billing_alerts: true },
      { id: 'ca-eapp', provider: 'lgwan_asp', mfa: true, iam_least_privilege: true, audit_log_protected: true,
        alerts_protected: false, api_inventory: true, billing_alerts: true },
    ],
  }, common({ auditDate: '2026-02-13', auditor: '監査法人ちば' }));
  d.e_application = { used: true, malware_check: true, format_check: true, assets: ['e-app'] };
  d.contracts = [
    contract('c-lbo', '房総ネットワークサービス株式会社', ['lbo-gw', 'network_device', 'inet-sb'],
      { settings_guaranteed: ev(true, 'LBO構築保守契約 特記仕様書 第8条', '2025-04-01') }),
    contract('c-cloud', '株式会社クラウドさくら', ['m365', 'mn-daas', 'cloud-storage', 'e-app'], {
      sbom: { provided: true, scope: 'DaaS イメージのOS・アプリケーション', covers: ['mn-daas'] },
      // Known gap: settings checked every quarter but not when the service changes (AP-04).
      cloud_settings_check: { periodic: true, on_change: false },
    }),
  ];
  d.vulnerabilities = [
    { asset: 'lbo-gw', cve: 'CVE-2024-55591', cvss: 9.6, exploited: true, patched: true },
    { asset: 'lgwan-core-sw', cve: 'CVE-2023-20198', cvss: 10.0, exploited: true, patched: true },
  ];
  d.telework = { used: true, pre_post_checks: true, location_rules: true };
  d.remote_access = { used: true, lent_terminals: true, mfa_or_device_auth: true, encrypted_line: true,
    information_limited: true, takeout_management: true, per_access_auth: true, minimal_privileges: true,
    abnormal_access_detection: true, dlp_labels: false };
  d.assets.push(asset('vpn-gw', 'リモートアクセスVPN装置', 'vpn', 'lgwan', 2, 'internet_reachable', 'mfa_room', true, N()));
  d.contracts[0].scope.push('vpn-gw');
  d.external_services = [
    { id: 'es-line', name: 'SNS（広報用アカウント）', click_through_terms: true, max_confidentiality: 1,
      lifecycle: { selection: true, use: true, termination: true } },
  ];
  return d;
}

// ----------------------------------------------------------------------------------------
// α′: あおば町 — DaaS on the same CSP as the Government Cloud reached from lgwan, a terminal
// also kept in the internet segment (route (2)′).
// ----------------------------------------------------------------------------------------
function alphaPrimeTown() {
  const rnd = L.rng(404);
  const d = {
    schema: 'kyojin/declaration/v1',
    body: body('あおば町', 'Aoba Town', '栃木県', '093696', 'town', 14200, '企画財政課 情報担当', 'town.aoba'),
    model: 'alpha_prime',
    assets: inventory({ model: 'alpha_prime', core: 8, internal: 3, branches: 1, pcs: 160, mnPcs: 28, rnd }),
  };
  d.assets.push(
    asset('lbo-gw', 'ローカルブレイクアウト ゲートウェイ', 'gateway', 'lgwan', 1, 'internet_reachable', 'mfa_room', true,
      N({ url_filtering: true })),
    asset('inet-pc', 'インターネット接続系 端末（残置）', 'terminal', 'internet', 10, 'intranet', 'restricted', false, T()),
    asset('mn-daas', 'マイナンバー利用事務系 DaaS（ガバメントクラウド同一CSP）', 'screen_transfer_platform', 'cloud', 1,
      'intranet', 'restricted', false, C(), { data: ['my_number'] }),
    asset('harmless-srv', '無害化サーバ', 'file_link_server', 'lgwan', 1, 'intranet', 'mfa_room', false, S()),
  );
  Object.assign(d, {
    screen_transfer: [
      closedConnection({ id: 'st-mn-daas', terminal_segment: 'lgwan', target_segment: 'mynumber', method: 'daas',
        platform_asset: 'mn-daas', daas_csp: 'google', gov_cloud_csp: 'google', local_breakout: true,
        terminal_remains_in_internet: true, executive_decision: { decided: true, date: '2026-01-22' },
        refresh_interval_days: 7 }),
    ],
    harmlessization: { methods: ['image_pdf'], unknown_malware_detection: true },
    mail: { delivery: 'text_only', attachments_removed: true, html_to_text: true, relay_only: true, smtp_only: true },
    segment_boundary: { internet_lgwan_screen_transfer_only: true },
    data_links: [],
    cloud_accounts: [
      { id: 'ca-daas', provider: 'google', mfa: true, iam_least_privilege: true, audit_log_protected: true,
        alerts_protected: true, api_inventory: true, billing_alerts: true },
    ],
  }, common({ auditDate: '2025-11-28' }));
  d.contracts = [
    contract('c-all', '株式会社なすのシステム', ['network_device', 'lbo-gw', 'mn-daas', 'server'], {
      cloud_settings_check: { periodic: true, on_change: true },
      sbom: { provided: true, scope: 'DaaS イメージ', covers: ['mn-daas'] } }),
  ];
  // Known gap (AP-01, parameter-dependent): lgwan terminals detect by pattern matching only.
  findAsset(d, 'biz-pc').controls.antimalware.behaviour_detection = false;
  delete findAsset(d, 'biz-pc').controls.edr;
  d.vulnerabilities = [];
  return d;
}

// ----------------------------------------------------------------------------------------
// β: ひがし山市 — terminals in the internet segment; lgwan systems by on-prem VDI; My Number
// work through DaaS on a CSP different from the Government Cloud's, with an lgwan →
// internet breakout line (route (3)′); a zero-trust data link (model ③).
// ----------------------------------------------------------------------------------------
function betaCity() {
  const rnd = L.rng(505);
  const d = {
    schema: 'kyojin/declaration/v1',
    body: body('ひがし山市', 'Higashiyama City', '岐阜県', '212199', 'city', 128300, '総務部 情報政策課', 'city.higashiyama'),
    model: 'beta',
    assets: inventory({ model: 'beta', core: 12, internal: 6, branches: 6, pcs: 1150, lgwanPcs: 30, mnPcs: 140, rnd }),
  };
  d.assets.push(
    asset('lgwan-vdi', 'LGWAN接続系 画面転送基盤（VDI）', 'screen_transfer_platform', 'lgwan', 4, 'intranet', 'mfa_room',
      false, S(), { data: ['confidential_2'] }),
    asset('mn-daas', 'マイナンバー利用事務系 DaaS', 'screen_transfer_platform', 'cloud', 1, 'intranet', 'restricted',
      false, C(), { data: ['my_number'] }),
    asset('vpn-gw', 'リモートアクセスVPN装置', 'vpn', 'internet', 2, 'internet_reachable', 'restricted', true, N()),
    asset('idp', 'クラウド認証基盤（IdP）', 'auth_gateway', 'cloud', 1, 'internet_reachable', 'restricted', true, C()),
    asset('harmless-srv', '無害化サーバ（LGWAN取込）', 'file_link_server', 'lgwan', 2, 'intranet', 'mfa_room', false, S()),
    asset('zt-proxy', 'ゼロトラスト・アクセスプロキシ', 'gateway', 'cloud', 1, 'internet_reachable', 'restricted', true,
      C({ waf: true })),
    asset('e-app', '電子申請サービス', 'cloud_service', 'cloud', 1, 'internet_reachable', 'restricted', true, C(),
      { data: ['confidential_2'] }),
  );
  const decided = ev(true, '市長決裁 情政第412号（マイナンバー利用事務系への画面転送）', '2025-05-30');
  Object.assign(d, {
    screen_transfer: [
      closedConnection({ id: 'st-lgwan-vdi', terminal_segment: 'internet', target_segment: 'lgwan', method: 'vdi',
        platform_asset: 'lgwan-vdi', executive_decision: { decided: true, date: '2023-03-01' } }),
      closedConnection({ id: 'st-mn-daas', terminal_segment: 'internet', target_segment: 'mynumber', method: 'daas',
        platform_asset: 'mn-daas', daas_csp: 'microsoft', gov_cloud_csp: 'aws', lgwan_internet_breakout: true,
        executive_decision: { decided, date: '2025-05-30' }, refresh_interval_days: 1 }),
    ],
    harmlessization: { methods: ['cdr', 'text_extraction'], unknown_malware_detection: true },
    mail: { delivery: 'direct', attachments_removed: false, html_to_text: false, relay_only: true, smtp_only: true },
    segment_boundary: { internet_lgwan_screen_transfer_only: true },
    data_links: [
      { id: 'dl-zt', model: '3', description: 'ゼロトラスト・アクセスプロキシ経由で電子申請データを福祉担当課へ連携する（一部オンプレミス）',
        from_segment: 'cloud', to_segment: 'lgwan', assets: ['zt-proxy', 'idp', 'e-app', 'harmless-srv'],
        cloud_accounts: ['ca-idp', 'ca-eapp'],
        controls: { malware_check: true, format_check: true, harmlessization: true, access_control: true, mfa: true,
                    encryption: true, logging: true } },
    ],
    cloud_accounts: [
      { id: 'ca-idp', provider: 'microsoft', mfa: true, iam_least_privilege: true, audit_log_protected: true,
        alerts_protected: true, api_inventory: true, billing_alerts: true },
      { id: 'ca-daas', provider: 'microsoft', mfa: true, iam_least_privilege: true, audit_log_protected: true,
        alerts_protected: true, api_inventory: true, billing_alerts: true },
      { id: 'ca-eapp', provider: 'aws', mfa: true, iam_least_privilege: false, audit_log_protected: true,
        alerts_protected: true, api_inventory: false, billing_alerts: true },
    ],
    edr_service: { data_in_japan: true, domestic_provision: true, specialist_credentials_known: null, equipment_secured: true },
  }, common({ auditDate: '2026-03-06', auditor: '中部システム監査法人' }));
  d.e_application = { used: true, malware_check: true, format_check: true, assets: ['e-app'] };
  d.contracts = [
    contract('c-vdi', '美濃情報サービス株式会社', ['lgwan-vdi', 'vpn-gw', 'network_device'], {
      sbom: { provided: true, scope: 'VDI基盤とVPN装置のファームウェア', covers: ['lgwan-vdi', 'vpn-gw'] } }),
    contract('c-cloud', '株式会社ぎふクラウド', ['mn-daas', 'idp', 'zt-proxy', 'e-app'], {
      cloud_settings_check: { periodic: true, on_change: true } }),
    contract('c-core', '基幹システム開発株式会社', CORE.slice(0, 12).map((c) => c[0])),
  ];
  d.vulnerabilities = [
    { asset: 'vpn-gw', cve: 'CVE-2025-0282', cvss: 9.0, exploited: true, patched: true },
    // An unpatched but not exploited, mid-severity one with the vendor's mitigation.
    { asset: 'lgwan-vdi', cve: 'CVE-2025-21297', cvss: 6.8, exploited: false, patched: false,
      mitigation: { description: 'リモートデスクトップゲートウェイのUDPトランスポートを無効化', applied: true } },
  ];
  d.incident_response = {
    partners: [{ name: '東海セキュリティ・フォレンジック株式会社', forensics: true }],
    config_shared: true, roles_agreed: true, nda_signed: false,
  };
  d.telework = { used: true, pre_post_checks: true, location_rules: true };
  d.remote_access = { used: true, lent_terminals: true, mfa_or_device_auth: true, encrypted_line: true,
    information_limited: true, takeout_management: true, per_access_auth: true, minimal_privileges: true,
    abnormal_access_detection: true, dlp_labels: true };
  d.web_conferencing = { used: true, outsider_exclusion: true, suspicious_removal: true, content_check_beforehand: true };
  d.waivers = [
    { policy: 'PV-05', subject: '/vulnerabilities/1',
      justification: 'VDI基盤の更新プログラムが基幹系との互換性確認待ちのため、緩和策で運用する',
      approver: '情報政策課長', mitigation: 'リモートデスクトップゲートウェイのUDPトランスポートを無効化',
      expires: '2026-12-31' },
  ];
  d.external_services = [
    { id: 'es-survey', name: 'Webアンケートサービス', click_through_terms: true, max_confidentiality: 1,
      lifecycle: { selection: true, use: true, termination: true } },
  ];
  d.organisation.cyder = ev(true, 'CYDER 修了証（Bコース）', '2025-09-17');
  return d;
}

// ----------------------------------------------------------------------------------------
// β: ももの木町 — internet terminals reach My Number work by an on-premises secure browser
// (route (8)); the tax section also by on-premises VDI (route (6)).
// ----------------------------------------------------------------------------------------
function betaTown() {
  const rnd = L.rng(606);
  const d = {
    schema: 'kyojin/declaration/v1',
    body: body('ももの木町', 'Momonoki Town', '岡山県', '335860', 'town', 11700, '総務課 電算係', 'town.momonoki'),
    model: 'beta',
    assets: inventory({ model: 'beta', core: 8, internal: 3, branches: 1, pcs: 150, lgwanPcs: 8, mnPcs: 22, rnd }),
  };
  d.assets.push(
    asset('lgwan-sbc', 'LGWAN接続系 画面転送基盤（SBC）', 'screen_transfer_platform', 'lgwan', 2, 'intranet', 'mfa_room',
      false, S()),
    asset('mn-sb', 'マイナンバー利用事務系 セキュアブラウザ基盤', 'screen_transfer_platform', 'mynumber', 2,
      'isolated', 'mfa_room', false, S(), { data: ['my_number'] }),
    asset('mn-vdi', 'マイナンバー利用事務系 VDI（税務）', 'screen_transfer_platform', 'mynumber', 1,
      'isolated', 'mfa_room', false, S(), { data: ['my_number'] }),
    asset('harmless-srv', '無害化サーバ', 'file_link_server', 'lgwan', 1, 'intranet', 'mfa_room', false, S()),
  );
  Object.assign(d, {
    screen_transfer: [
      closedConnection({ id: 'st-lgwan', terminal_segment: 'internet', target_segment: 'lgwan', method: 'sbc',
        platform_asset: 'lgwan-sbc', executive_decision: { decided: true, date: '2024-02-14' } }),
      closedConnection({ id: 'st-mn-browser', terminal_segment: 'internet', target_segment: 'mynumber',
        method: 'secure_browser', platform_asset: 'mn-sb', executive_decision: { decided: true, date: '2025-10-20' } }),
      closedConnection({ id: 'st-mn-vdi', terminal_segment: 'internet', target_segment: 'mynumber', method: 'vdi',
        platform_asset: 'mn-vdi', executive_decision: { decided: true, date: '2025-10-20' }, refresh_interval_days: 7 }),
    ],
    harmlessization: { methods: ['text_extraction', 'image_pdf'], unknown_malware_detection: true },
    mail: { delivery: 'direct', attachments_removed: false, html_to_text: false, relay_only: true, smtp_only: true },
    segment_boundary: { internet_lgwan_screen_transfer_only: true },
    data_links: [],
  }, common({ auditDate: '2025-10-31', auditor: '吉備システム監査事務所' }));
  d.contracts = [
    contract('c-all', '株式会社せとうちシステムズ', ['network_device', 'screen_transfer_platform', 'server'], {
      sbom: { provided: true, scope: '画面転送基盤', covers: ['lgwan-sbc', 'mn-sb', 'mn-vdi'] } }),
  ];
  d.vulnerabilities = [];
  // Known gap: the tax section's VDI platform is not yet under vulnerability management (ST-07).
  d.screen_transfer[2].platform_patch_managed = false;
  return d;
}

// ----------------------------------------------------------------------------------------
// β′: みなと浜市 — a large city (≈200 assets): internal systems moved to the internet segment;
// My Number work through DaaS on the Government Cloud's CSP (route (4)) and, for the
// welfare office, a DaaS on another CSP (route (3)); API linkage (④) and a file-link
// server (①a); zero-trust PCs; attack trees.
// ----------------------------------------------------------------------------------------
function betaPrimeLargeCity() {
  const rnd = L.rng(707);
  const d = {
    schema: 'kyojin/declaration/v1',
    body: body('みなと浜市', 'Minatohama City', '静岡県', '222399', 'city', 412000, '総務局 DX推進部 情報セキュリティ課', 'city.minatohama'),
    model: 'beta_prime',
    assets: inventory({ model: 'beta_prime', core: 12, internal: 8, branches: 40, pcs: 4200, lgwanPcs: 120, mnPcs: 620, rnd }),
  };
  d.assets.push(
    asset('lgwan-vdi', 'LGWAN接続系 画面転送基盤（VDI）', 'screen_transfer_platform', 'lgwan', 8, 'intranet', 'mfa_room',
      false, S(), { data: ['confidential_2'] }),
    asset('mn-daas', 'マイナンバー利用事務系 DaaS（ガバメントクラウド同一CSP）', 'screen_transfer_platform', 'cloud', 1,
      'intranet', 'restricted', false, C(), { data: ['my_number'] }),
    asset('mn-daas-welfare', '福祉事務所向け DaaS（別CSP）', 'screen_transfer_platform', 'cloud', 1, 'intranet',
      'restricted', false, C(), { data: ['my_number'] }),
    asset('vpn-gw', 'リモートアクセスVPN装置', 'vpn', 'internet', 4, 'internet_reachable', 'restricted', true, N()),
    asset('idp', '認証基盤（IdP・多要素認証）', 'auth_gateway', 'cloud', 1, 'internet_reachable', 'restricted', true, C(),
      { importance: 3 }),
    asset('file-link', 'ファイル連携サーバ（境界セグメント）', 'file_link_server', 'lgwan', 2, 'intranet', 'mfa_room',
      false, S(), { data: ['my_number', 'confidential_3'] }),
    asset('api-gw', 'API連携ゲートウェイ', 'gateway', 'cloud', 2, 'internet_reachable', 'restricted', true, C({ waf: true })),
    asset('e-app', '電子申請サービス', 'cloud_service', 'cloud', 1, 'internet_reachable', 'restricted', true, C(),
      { data: ['confidential_2'] }),
    asset('siem', '統合ログ管理基盤（SIEM）', 'server', 'internet', 2, 'intranet', 'mfa_room', false, S()),
    asset('soc-sensor', 'NDR センサ', 'network_device', 'internet', 6, 'intranet', 'restricted', false, N()),
  );
  for (const id of ['doc-mgmt', 'payroll', 'accounting', 'groupware', 'kessai', 'shisan', 'gikai', 'keiyaku']) {
    const a = findAsset(d, id);
    a.controls.access_control = { per_division: true, per_section: true };
  }
  const decided = ev(true, '政策会議 決定事項（マイナンバー利用事務系のDaaS化）', '2025-07-09');
  Object.assign(d, {
    screen_transfer: [
      closedConnection({ id: 'st-lgwan-vdi', terminal_segment: 'internet', target_segment: 'lgwan', method: 'vdi',
        platform_asset: 'lgwan-vdi', executive_decision: { decided: true, date: '2022-12-01' } }),
      closedConnection({ id: 'st-mn-daas', terminal_segment: 'internet', target_segment: 'mynumber', method: 'daas',
        platform_asset: 'mn-daas', daas_csp: 'aws', gov_cloud_csp: 'aws',
        wireless_lan: { used: true, mynumber_staff_only: true },
        executive_decision: { decided, date: '2025-07-09' },
        platform_patch_managed: ev(true, 'DaaS 運用保守仕様書 4.3 脆弱性管理', '2025-10-01') }),
      closedConnection({ id: 'st-mn-daas-welfare', terminal_segment: 'internet', target_segment: 'mynumber', method: 'daas',
        platform_asset: 'mn-daas-welfare', daas_csp: 'microsoft', gov_cloud_csp: 'aws',
        executive_decision: { decided, date: '2025-07-09' } }),
    ],
    harmlessization: { methods: ['cdr'], unknown_malware_detection: true },
    mail: { delivery: 'direct', attachments_removed: false, html_to_text: false, relay_only: true, smtp_only: true },
    segment_boundary: { internet_lgwan_screen_transfer_only: true },
    data_links: [
      { id: 'dl-file-link', model: '1a', description: '電子申請データを境界セグメントのファイル連携サーバで検査しマイナンバー利用事務系へ取り込む',
        from_segment: 'cloud', to_segment: 'mynumber', assets: ['e-app', 'file-link'],
        controls: { malware_check: true, format_check: true, harmlessization: true, access_control: true, logging: true } },
      { id: 'dl-zt', model: '3', description: '職員がIdPの認証を経てクラウド上の申請データを参照する',
        from_segment: 'cloud', to_segment: 'internet', assets: ['idp', 'e-app'], cloud_accounts: ['ca-idp'],
        controls: { malware_check: true, format_check: true, access_control: true, mfa: true, encryption: true,
                    logging: true } },
      { id: 'dl-api', model: '4', description: '電子申請サービスから福祉システムへの API 連携',
        from_segment: 'cloud', to_segment: 'mynumber', assets: ['api-gw', 'e-app', 'seiho'],
        cloud_accounts: ['ca-api', 'ca-eapp'],
        controls: { malware_check: true, format_check: true, access_control: true, mfa: true, encryption: true,
                    logging: true, api_managed: true } },
    ],
    cloud_accounts: ['ca-idp', 'ca-api', 'ca-eapp', 'ca-daas', 'ca-daas-welfare'].map((id, i) => ({
      id, provider: ['microsoft', 'aws', 'aws', 'aws', 'microsoft'][i], mfa: true, iam_least_privilege: true,
      audit_log_protected: true, alerts_protected: true, api_inventory: true, billing_alerts: true })),
    edr_service: { data_in_japan: true, domestic_provision: true, specialist_credentials_known: true, equipment_secured: true },
    zero_trust_pc: { hw_root_of_trust: true, discrete_tpm: true, certified_chip: true, firmware_resilience: true,
      gpt_protection: true, browser_hw_isolation: false, attachment_hw_isolation: false, central_config: true },
  }, common({ auditDate: '2026-02-27', auditor: '東海監査法人' }));
  Object.assign(d.organisation, { continuous_monitoring: true, vulnerability_diagnosis: true, shadow_it_control: false });
  d.audits[0].auditor_qualifications.push('情報処理安全確保支援士', 'ISMS主任審査員');
  d.audits[0].report_submitted_to_jlis = ev(true, '外部監査報告書 送付書（J-LIS宛）', '2026-03-19');
  d.audits.push({ date: '2025-08-22', type: 'internal', auditor: '総務局 監査室', auditor_qualifications: ['システム監査技術者'],
    report_submitted_to_jlis: false });
  d.e_application = { used: true, malware_check: true, format_check: true, assets: ['e-app'] };
  d.contracts = [
    contract('c-net', '株式会社みなとネットワークス', ['network_device', 'vpn-gw', 'lgwan-vdi'], {
      sbom: { provided: true, scope: 'VPN装置・VDI基盤・ネットワーク機器のファームウェア', covers: ['vpn-gw', 'lgwan-vdi'] } }),
    contract('c-cloud', '静岡クラウドインテグレーション株式会社', ['mn-daas', 'mn-daas-welfare', 'idp', 'api-gw', 'e-app'], {
      sbom: { provided: true, scope: 'DaaS イメージ、API ゲートウェイ', covers: ['mn-daas', 'mn-daas-welfare', 'api-gw'] },
      cloud_settings_check: { periodic: true, on_change: true } }),
    contract('c-core', '基幹システム開発株式会社', CORE.map((c) => c[0])),
    contract('c-internal', '株式会社ないぶ情報', ['doc-mgmt', 'payroll', 'accounting', 'groupware', 'kessai', 'shisan',
      'gikai', 'keiyaku', 'siem']),
  ];
  d.vulnerabilities = [
    { asset: 'vpn-gw', cve: 'CVE-2025-22457', cvss: 9.0, exploited: true, patched: true },
    { asset: 'inet-fw', cve: 'CVE-2024-47575', cvss: 9.8, exploited: true, patched: true },
    { asset: 'api-gw', cve: 'CVE-2025-24813', cvss: 9.8, exploited: true, patched: true },
    { asset: 'lgwan-vdi', cve: 'CVE-2024-6387', cvss: 8.1, exploited: false, patched: true },
  ];
  d.incident_response = {
    partners: [{ name: '株式会社するがフォレンジック', forensics: true }, { name: '株式会社みなとネットワークス', forensics: false }],
    config_shared: true, roles_agreed: true, nda_signed: true,
  };
  d.telework = { used: true, pre_post_checks: true, location_rules: true };
  d.remote_access = { used: true, lent_terminals: true, mfa_or_device_auth: true, encrypted_line: true,
    information_limited: true, takeout_management: true, per_access_auth: true, minimal_privileges: true,
    abnormal_access_detection: true, dlp_labels: true };
  d.external_services = [
    { id: 'es-sns', name: '市公式SNS', click_through_terms: true, max_confidentiality: 1,
      lifecycle: { selection: true, use: true, termination: true } },
    { id: 'es-chat', name: 'ビジネスチャット（契約版）', click_through_terms: false, max_confidentiality: 2,
      lifecycle: { selection: true, use: true, termination: true } },
  ];
  d.attack_trees = [
    { id: '2-1', damage: 'personal_data_leak', attacker: '外部の攻撃者', entry: 'T1190', route: '電子申請サービス',
      via: ['API連携ゲートウェイ'], base: 'API連携ゲートウェイ', target: '生活保護システム', final_attack: '申請者情報の窃取',
      steps: [
        { name: 'APIの脆弱性を悪用した侵入', countermeasures: ['waf', 'patching', 'vuln_avoidance'] },
        { name: '連携経路を介した基幹システムへの到達', countermeasures: ['access_control', 'peer_auth'] },
        { name: '個人情報の外部送信', countermeasures: ['dlp', 'ndr'] },
      ] },
  ];
  return d;
}

// ----------------------------------------------------------------------------------------
// α with many gaps: もみじ沢村 — the body policies should find most to fault with.
// ----------------------------------------------------------------------------------------
function gapsVillage() {
  const rnd = L.rng(808);
  const d = {
    schema: 'kyojin/declaration/v1',
    body: body('もみじ沢村', 'Momijisawa Village', '長野県', '205834', 'village', 2600, '総務係', 'vill.momijisawa'),
    model: 'alpha',
    assets: inventory({ model: 'alpha', core: 6, internal: 2, branches: 0, pcs: 38, mnPcs: 9, rnd }),
  };
  d.assets.push(
    asset('inet-pc', 'インターネット接続系 端末', 'terminal', 'internet', 8, 'intranet', 'public', false,
      T({ edr: { enabled: true, behaviour_detection: true, managed_monitoring: false, csirt_link: false,
                 isolates_on_detection: false, investigation_support: false, detects_exfiltration: false },
          dlp: false, mfa: false, ndr: false, allowlisting: false })),
    asset('vpn-gw', 'リモートアクセスVPN装置', 'vpn', 'internet', 1, 'internet_reachable', 'public', true,
      N({ mfa: false, ips: false, anomaly_monitoring: false })),
    asset('mn-vdi', 'マイナンバー利用事務系 VDI', 'screen_transfer_platform', 'mynumber', 1, 'isolated', 'restricted',
      false, S({ patch: { os_timely: false, managed_by_vendor: false } }), { data: ['my_number'] }),
    asset('cloud-storage', 'オンラインストレージ', 'storage', 'cloud', 1, 'internet_reachable', 'public', true,
      C({ mfa: false })),
  );
  // lgwan terminals: stale definitions, late patches, no allow-listing, no offline backup.
  const pc = findAsset(d, 'biz-pc').controls;
  pc.antimalware = { pattern_matching: true, behaviour_detection: false, definitions_current: false };
  pc.patch = { os_timely: false };
  pc.allowlisting = false;
  pc.backup = { enabled: true, includes_mail: false, offline: false };
  pc.edr = { enabled: true, behaviour_detection: true, managed_monitoring: false, csirt_link: false,
             isolates_on_detection: true, investigation_support: false, detects_exfiltration: false };
  findAsset(d, 'doc-mgmt').controls.access_control = { per_division: false, per_section: false };
  findAsset(d, 'juki').controls.logging = { collected: true, analysed: false, retention_days: 90 };
  Object.assign(d, {
    screen_transfer: [
      {
        id: 'st-mn-vdi', terminal_segment: 'lgwan', target_segment: 'mynumber', method: 'vdi', platform_asset: 'mn-vdi',
        local_breakout: false, terminal_remains_in_internet: true, lgwan_internet_breakout: false,
        redirection: { clipboard: { to_local: true, to_virtual: true }, file: { to_local: false, to_virtual: true },
                       printer: true, drive: false, usb: true },
        encryption: false, session_rebuild: false, session_ends_with_local: false, refresh_interval_days: 30,
        mfa: false, designated_staff_only: false,
        wireless_lan: { used: true, mynumber_staff_only: false },
        executive_decision: { decided: false },
        platform_patch_managed: false,
      },
    ],
    harmlessization: {
      methods: ['visual_check'],
      visual_check_procedure: { sender: true, subject: true, wording: false, fonts: false },
      unknown_malware_detection: false,
    },
    mail: { delivery: 'direct', attachments_removed: false, html_to_text: false, relay_only: false, smtp_only: false },
    segment_boundary: { internet_lgwan_screen_transfer_only: false },
    data_links: [
      { id: 'dl-storage', model: '2', description: 'オンラインストレージで申請書類を受け取る',
        from_segment: 'cloud', to_segment: 'lgwan', assets: ['cloud-storage'], cloud_accounts: ['ca-storage'],
        controls: { malware_check: false, access_control: true, mfa: false } },
    ],
    removable_media: { used: true, device_connection_control: false, media_management: false },
    remote_maintenance: { used: true, closed_network: false },
    e_application: { used: true, malware_check: false, format_check: false },
    contracts: [
      contract('c-all', '有限会社やまびこ電算', ['server', 'terminal', 'mn-vdi'], {
        full_scope: false, includes_network_devices: false, round_cap: 4, settings_guaranteed: false,
        sbom: { provided: false } }),
    ],
    vulnerabilities: [
      { asset: 'vpn-gw', cve: 'CVE-2023-27997', cvss: 9.8, exploited: true, patched: false },
      { asset: 'mn-vdi', cve: 'CVE-2024-6387', cvss: 8.1, exploited: false, patched: false,
        mitigation: { description: 'SSH の LoginGraceTime を 0 に設定', applied: false } },
      { asset: 'inet-fw', cve: 'CVE-2024-21762', cvss: 9.8, exploited: true, patched: false },
    ],
    organisation: {
      csirt: { exists: true, roles_defined: false },
      training: false, cyder: false, info_sharing: false, policy_follows_guideline: false,
    },
    edr_service: { data_in_japan: null, domestic_provision: null, specialist_credentials_known: false, equipment_secured: null },
    audits: [
      { date: '2023-02-17', type: 'external', auditor_qualifications: [], report_submitted_to_jlis: false },
    ],
    cloud_accounts: [
      { id: 'ca-storage', provider: 'other_saas', mfa: false, iam_least_privilege: false, audit_log_protected: false,
        alerts_protected: false, api_inventory: false, billing_alerts: false },
    ],
    telework: { used: true, pre_post_checks: false, location_rules: false },
    byod: { used: true, storage_prevented: false, device_registration: false, application_procedure: false },
    web_conferencing: { used: true, outsider_exclusion: false, suspicious_removal: false, content_check_beforehand: false },
    remote_access: { used: true, lent_terminals: false, mfa_or_device_auth: false, encrypted_line: true,
      information_limited: false, takeout_management: false, per_access_auth: false, minimal_privileges: false,
      abnormal_access_detection: false, dlp_labels: false },
    external_services: [
      { id: 'es-free-storage', name: '無料オンラインストレージ', click_through_terms: true, max_confidentiality: 2,
        lifecycle: { selection: false, use: false, termination: false } },
      { id: 'es-chat', name: '無料チャットアプリ', click_through_terms: true, max_confidentiality: 3,
        lifecycle: { selection: false, use: true, termination: false } },
    ],
    waivers: [
      { policy: 'PV-03', subject: '/vulnerabilities/0', justification: 'VPN装置の更改まで利用を継続する',
        approver: '総務課長', expires: '2025-03-31' },
    ],
  });
  return d;
}

// ----------------------------------------------------------------------------------------
// β′ with a partly finished migration: かわせみ市 — evidence attached to most facts, a few
// recommended items open, EDR service facts unknown.
// ----------------------------------------------------------------------------------------
function betaPrimeCity() {
  const rnd = L.rng(909);
  const d = {
    schema: 'kyojin/declaration/v1',
    body: body('かわせみ市', 'Kawasemi City', '広島県', '342190', 'city', 67300, '総務部 情報システム課', 'city.kawasemi'),
    model: 'beta_prime',
    assets: inventory({ model: 'beta_prime', core: 10, internal: 5, branches: 3, pcs: 530, lgwanPcs: 20, mnPcs: 70, rnd }),
  };
  d.assets.push(
    asset('lgwan-vdi', 'LGWAN接続系 画面転送基盤', 'screen_transfer_platform', 'lgwan', 2, 'intranet', 'mfa_room', false, S()),
    asset('mn-vdi', 'マイナンバー利用事務系 VDI', 'screen_transfer_platform', 'mynumber', 2, 'isolated', 'mfa_room',
      false, S(), { data: ['my_number'] }),
    asset('vpn-gw', 'リモートアクセスVPN装置', 'vpn', 'internet', 2, 'internet_reachable', 'restricted', true, N()),
    asset('harmless-srv', '無害化サーバ', 'file_link_server', 'lgwan', 1, 'intranet', 'mfa_room', false, S()),
  );
  const e = (t, date) => ev(true, t, date);
  Object.assign(d, {
    screen_transfer: [
      closedConnection({ id: 'st-lgwan', terminal_segment: 'internet', target_segment: 'lgwan', method: 'vdi',
        platform_asset: 'lgwan-vdi', executive_decision: { decided: true, date: '2024-01-10' } }),
      closedConnection({ id: 'st-mn-vdi', terminal_segment: 'internet', target_segment: 'mynumber', method: 'vdi',
        platform_asset: 'mn-vdi', executive_decision: { decided: e('庁議録 令和7年第9回', '2025-09-02'), date: '2025-09-02' },
        platform_patch_managed: e('VDI保守契約 仕様書 第5章', '2025-10-01') }),
    ],
    harmlessization: { methods: ['cdr'], unknown_malware_detection: true },
    mail: { delivery: 'direct', attachments_removed: false, html_to_text: false, relay_only: true, smtp_only: true },
    segment_boundary: { internet_lgwan_screen_transfer_only: true },
    data_links: [],
    edr_service: { data_in_japan: null, domestic_provision: null, specialist_credentials_known: null, equipment_secured: null },
  }, common({ auditDate: '2026-01-16', auditor: '瀬戸内監査法人' }));
  d.organisation = {
    csirt: { exists: e('かわせみ市CSIRT設置規程', '2022-04-01'), roles_defined: e('CSIRT 運用手順書 第2版', '2024-04-01') },
    training: e('情報セキュリティ研修 受講者名簿（令和8年度）', '2026-07-31'),
    cyder: e('CYDER 受講証明（令和7年度）', '2025-12-03'),
    info_sharing: e('広島県自治体CSIRT連絡会 参加記録', '2026-05-20'),
    policy_follows_guideline: e('情報セキュリティポリシー改定 決裁文書', '2026-03-25'),
    continuous_monitoring: e('セキュリティ監視業務委託契約書', '2025-04-01'),
    vulnerability_diagnosis: false,
  };
  d.audits[0].report_submitted_to_jlis = e('J-LIS 提出通知', '2026-02-10');
  d.contracts = [
    contract('c-all', '株式会社ひろしまシステム', ['network_device', 'screen_transfer_platform', 'vpn-gw', 'server'], {
      full_scope: e('保守契約書 第7条', '2025-04-01'), includes_network_devices: e('保守契約書 第7条', '2025-04-01'),
      settings_guaranteed: e('保守契約書 別紙2', '2025-04-01'),
      sbom: { provided: true, covers: ['mn-vdi', 'lgwan-vdi', 'vpn-gw'] } }),
  ];
  d.vulnerabilities = [{ asset: 'vpn-gw', cve: 'CVE-2024-21893', cvss: 8.2, exploited: true, patched: true }];
  d.telework = { used: true, pre_post_checks: e('テレワーク実施要領', '2024-10-01'), location_rules: e('テレワーク実施要領', '2024-10-01') };
  d.remote_access = { used: true, lent_terminals: true, mfa_or_device_auth: true, encrypted_line: true,
    information_limited: true, takeout_management: true, per_access_auth: true, minimal_privileges: true,
    abnormal_access_detection: true, dlp_labels: false };
  // Every business system holding confidential information controls access per division
  // and per section (BM-04's scope), except the known gap below.
  for (const id of ['payroll', 'accounting', 'kessai']) {
    findAsset(d, id).controls.access_control = { per_division: true, per_section: true };
  }
  // Known gaps: access control per section not yet in place on the document server (BM-04,
  // recommended part); no zero-trust PC requirements declared.
  findAsset(d, 'doc-mgmt').controls.access_control = { per_division: true, per_section: false };
  return d;
}

module.exports = {
  'alpha-town': alphaTown,
  'alpha-village-secure-browser': alphaVillage,
  'alpha-prime-city-daas-other-csp': alphaPrimeCity,
  'alpha-prime-town-daas-same-csp': alphaPrimeTown,
  'beta-city-daas-breakout': betaCity,
  'beta-town-secure-browser': betaTown,
  'beta-prime-large-city': betaPrimeLargeCity,
  'beta-prime-city-evidenced': betaPrimeCity,
  'gaps-village': gapsVillage,
};
