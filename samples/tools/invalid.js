// The invalid declarations of samples/invalid/: each case is a small valid declaration
// (minimal()) with one kind of mistake, and the errors kyojin must report for it, written
// here by hand as `[pointer, English message]`. gen.js writes NAME.json and
// NAME.expected.en (FILE:LINE:COLUMN: pointer: message, positions computed by pos.js from
// the written text); the Japanese NAME.expected is kept in the repository and checked by
// the tests like the English one.
// Independent of kyojin on purpose: the expected messages are written by hand and their
// line:column positions come from pos.js, a second implementation of the positions kyojin
// computes (core/input/decl.c), so that a wrong position in kyojin cannot agree with itself.
'use strict';
const L = require('./lib');

// The smallest valid declaration (also written as samples/minimal.json).
function minimal() {
  return {
    schema: 'kyojin/declaration/v1',
    body: {
      name: 'こもれび村', prefecture: '奈良県', code: '294594', kind: 'village',
      as_of: '2026-10-01', contact: { department: '総務課' },
    },
    model: 'alpha',
    assets: [
      { id: 'lgwan-pc', name: 'LGWAN接続系 端末', kind: 'terminal', segment: 'lgwan', count: 25,
        placement: { logical: 'intranet', physical: 'restricted' }, internet_boundary: false,
        controls: { antimalware: { pattern_matching: true, behaviour_detection: true, definitions_current: true },
                    patch: { os_timely: true } } },
      { id: 'juki', name: '住民記録システム', kind: 'server', segment: 'mynumber', count: 1,
        placement: { logical: 'isolated', physical: 'mfa_room' }, internet_boundary: false,
        data: ['my_number'], controls: {} },
    ],
    screen_transfer: [],
    mail: { delivery: 'text_only', attachments_removed: true, html_to_text: true, relay_only: true, smtp_only: true },
    data_links: [],
    removable_media: { used: false },
    remote_maintenance: { used: false },
    e_application: { used: false },
    contracts: [],
    vulnerabilities: [],
    organisation: {
      csirt: { exists: true, roles_defined: true },
      training: true, cyder: true, info_sharing: true, policy_follows_guideline: true,
    },
    audits: [],
    telework: { used: false },
    byod: { used: false },
    web_conferencing: { used: false },
    remote_access: { used: false },
    external_services: [],
  };
}

const connection = () => ({
  id: 'st-mn', terminal_segment: 'lgwan', target_segment: 'mynumber', method: 'vdi', platform_asset: 'juki',
  local_breakout: false, terminal_remains_in_internet: false, lgwan_internet_breakout: false,
  redirection: { clipboard: { to_local: false, to_virtual: false }, file: { to_local: false, to_virtual: false },
                 printer: false, drive: false, usb: false },
  encryption: true, session_rebuild: true, session_ends_with_local: true, refresh_interval_days: 7,
  mfa: true, designated_staff_only: true, wireless_lan: { used: false },
  executive_decision: { decided: true, date: '2026-04-01' }, platform_patch_managed: true,
});

const KINDS = '"terminal", "server", "network_device", "gateway", "vpn", "auth_gateway", ' +
  '"screen_transfer_platform", "storage", "mail_relay", "cloud_service", "file_link_server", "database", ' +
  '"maintenance_terminal"';

// kyojinOnly: JSON Schema cannot express the rule, so an independent validator accepts the
// file; only kyojin rejects it (listed in samples/invalid/kyojin-only.txt by gen.js).
const cases = [
  {
    name: 'unknown-version',
    about: 'a format version kyojin does not know; nothing else is checked',
    mutate: (d) => { d.schema = 'kyojin/declaration/v2'; d.model = 'gamma'; },
    errors: [['/schema', 'unknown declaration format version "kyojin/declaration/v2" (supported: "kyojin/declaration/v1")']],
  },
  {
    name: 'missing-version',
    about: 'no "schema" field at all',
    mutate: (d) => { delete d.schema; },
    errors: [['', 'required field "schema" is missing (the format version, "kyojin/declaration/v1")']],
  },
  {
    name: 'unknown-field-typo',
    about: 'misspelt field names get a "did you mean" hint; an unrelated name lists the allowed fields',
    mutate: (d) => {
      const a = d.assets[0];
      delete a.internet_boundary;
      a.internet_boundry = false;
      d.body.mayor = '村長';
    },
    errors: [
      ['/assets/0', 'required field "internet_boundary" is missing'],
      ['/assets/0/internet_boundry', 'unknown field "internet_boundry" (did you mean "internet_boundary"?)'],
      ['/body/mayor', 'unknown field "mayor" (allowed: name, name_en, prefecture, code, kind, population, as_of, contact)'],
    ],
  },
  {
    name: 'unknown-section',
    about: 'a misspelt top-level section: the section is unknown and the real one missing',
    mutate: (d) => { d.screen_transfers = d.screen_transfer; delete d.screen_transfer; },
    errors: [
      ['', 'required field "screen_transfer" is missing'],
      ['/screen_transfers', 'unknown field "screen_transfers" (did you mean "screen_transfer"?)'],
    ],
  },
  {
    name: 'bad-enum',
    about: 'enumerations list their allowed values, with a hint when one is close',
    mutate: (d) => { d.model = 'beta-prime'; d.assets[1].kind = 'pc'; },
    errors: [
      ['/assets/1/kind', 'expected one of ' + KINDS + ', found "pc"'],
      ['/model', 'expected one of "alpha", "alpha_prime", "beta", "beta_prime", found "beta-prime" (did you mean "beta_prime"?)'],
    ],
  },
  {
    name: 'wrong-types',
    about: 'numbers written as strings, a string where a boolean belongs, null where none is allowed',
    mutate: (d) => {
      d.assets[0].count = '25';
      d.assets[0].internet_boundary = 'no';
      d.assets[0].controls.mfa = null;
      d.screen_transfer = [connection()];
      d.screen_transfer[0].refresh_interval_days = '7';
    },
    errors: [
      ['/assets/0/controls/mfa', 'expected a boolean (true/false), found null'],
      ['/assets/0/count', 'expected an integer, found a string "25"'],
      ['/assets/0/internet_boundary', 'expected a boolean (true/false), found a string "no"'],
      ['/screen_transfer/0/refresh_interval_days', 'expected a number, found a string "7"'],
    ],
  },
  {
    name: 'out-of-range',
    about: 'numbers outside their ranges (CVSS, refresh interval, confidentiality)',
    mutate: (d) => {
      d.vulnerabilities = [{ asset: 'juki', cve: 'CVE-2024-6387', cvss: 11, exploited: false, patched: true }];
      d.screen_transfer = [connection()];
      d.screen_transfer[0].refresh_interval_days = 0;
      d.external_services = [{ id: 'es-1', name: 'SNS', click_through_terms: true, max_confidentiality: 4,
        lifecycle: { selection: true, use: true, termination: true } }];
    },
    errors: [
      ['/external_services/0/max_confidentiality', 'expected an integer from 1 to 3, found 4'],
      ['/screen_transfer/0/refresh_interval_days', 'expected a number greater than 0 and at most 3650, found 0'],
      ['/vulnerabilities/0/cvss', 'expected a number from 0 to 10, found 11'],
    ],
  },
  {
    name: 'no-assets',
    about: 'a declaration must declare at least one asset',
    mutate: (d) => { d.assets = []; },
    errors: [['/assets', 'expected at least 1 item, found an empty array']],
  },
  {
    name: 'check-digit',
    about: 'the check digit of the local-government code is verified',
    mutate: (d) => { d.body.code = '294597'; },
    errors: [['/body/code', 'the check digit of local-government code "294597" is wrong: for 29459 it is 4 ("294594")']],
    kyojinOnly: true,
  },
  {
    name: 'prefecture-mismatch',
    about: 'the code must belong to the declared prefecture',
    mutate: (d) => { d.body.prefecture = '奈良県'; d.body.code = '131016'; },
    errors: [['/body/code', 'local-government code "131016" does not belong to 奈良県 (its first two digits must be 29)']],
  },
  {
    name: 'bad-formats',
    about: 'dates, CVE ids, SHA-256 digests, ids and e-mail addresses have fixed formats',
    mutate: (d) => {
      d.body.as_of = '2026-02-30';
      d.body.contact.email = 'somu at example';
      d.assets[0].id = 'LGWAN PC';
      d.vulnerabilities = [{ asset: 'juki', cve: 'CVE-24-1', cvss: 5, exploited: false, patched: true }];
      d.organisation.training = { value: true, evidence: { title: '研修記録', date: '2026-06-01', sha256: 'ABC123' } };
    },
    errors: [
      ['/assets/0/id', "expected an id of lowercase letters, digits, '.', '_' and '-' (starting with a letter or digit), found \"LGWAN PC\""],
      ['/body/as_of', 'expected a real calendar date (YYYY-MM-DD), found "2026-02-30"'],
      ['/body/contact/email', 'expected an e-mail address, found "somu at example"'],
      ['/organisation/training/evidence/sha256', 'expected a SHA-256 digest (64 lowercase hex digits), found "ABC123"'],
      ['/vulnerabilities/0/cve', 'expected a CVE id (CVE-YYYY-NNNN), found "CVE-24-1"'],
    ],
  },
  {
    name: 'fact-shapes',
    about: 'a process fact is true/false or {"value", "evidence"}; nothing else',
    mutate: (d) => {
      d.organisation.cyder = { value: true };
      d.organisation.training = 'yes';
      d.organisation.info_sharing = { value: true, evidence: { title: '記録', date: '2026-06-01',
        sha256: 'a'.repeat(64) }, note: 'x' };
    },
    errors: [
      ['/organisation/cyder', 'required field "evidence" is missing'],
      ['/organisation/info_sharing/note', 'unknown field "note" (allowed: value, evidence)'],
      ['/organisation/training', 'expected true/false or {"value": …, "evidence": …}, found a string "yes"'],
    ],
  },
  {
    name: 'conditional-fields',
    about: 'fields required by another field: DaaS needs both CSPs, "used": true needs the details, visual check needs its procedure',
    mutate: (d) => {
      const c = connection();
      c.method = 'daas';
      c.daas_csp = 'aws';
      c.wireless_lan = { used: true };
      d.screen_transfer = [c];
      d.telework = { used: true, location_rules: true };
      d.harmlessization = { methods: ['visual_check'], unknown_malware_detection: true };
    },
    errors: [
      ['/harmlessization', 'required field "visual_check_procedure" is missing (required when methods contains "visual_check")'],
      ['/screen_transfer/0', 'required field "gov_cloud_csp" is missing (required when method is "daas")'],
      ['/screen_transfer/0/wireless_lan', 'required field "mynumber_staff_only" is missing (required when used is true)'],
      ['/telework', 'required field "pre_post_checks" is missing (required when used is true)'],
    ],
  },
  {
    name: 'same-segment',
    about: 'a screen-transfer connection must lead to another segment',
    mutate: (d) => { d.screen_transfer = [connection()]; d.screen_transfer[0].target_segment = 'lgwan'; },
    errors: [['/screen_transfer/0/target_segment', 'target_segment is the same as terminal_segment ("lgwan")']],
  },
  {
    name: 'duplicate-values',
    about: 'ids are unique within their collection; lists of values hold no duplicates',
    mutate: (d) => {
      d.assets[1].id = 'lgwan-pc';
      d.assets[1].data = ['my_number', 'my_number'];
    },
    errors: [
      ['/assets/1/data/1', 'expected a value not already in the list, found "my_number" (already at /assets/1/data/0)'],
      ['/assets/1/id', 'expected an id unique in the declaration, found "lgwan-pc" (already used by /assets/0)'],
    ],
  },
  {
    name: 'duplicate-id',
    about: 'two contracts with the same id (JSON Schema cannot see it)',
    mutate: (d) => {
      const c = { id: 'c-1', vendor: 'A社', scope: ['server'],
        patch_process: { full_scope: true, includes_network_devices: true, round_cap: null },
        settings_guaranteed: true, sbom: { provided: false } };
      d.contracts = [c, Object.assign({}, c, { vendor: 'B社' })];
    },
    errors: [['/contracts/1/id', 'expected an id unique in the declaration, found "c-1" (already used by /contracts/0)']],
    kyojinOnly: true,
  },
  {
    name: 'unknown-references',
    about: 'asset, kind and cloud-account references must name something declared',
    mutate: (d) => {
      d.screen_transfer = [connection()];
      d.screen_transfer[0].platform_asset = 'mn-vdi';
      d.vulnerabilities = [{ asset: 'jyuki', cve: 'CVE-2024-6387', cvss: 8.1, exploited: false, patched: true }];
      d.contracts = [{ id: 'c-1', vendor: 'A社', scope: ['juki', 'netwrk_device'],
        patch_process: { full_scope: true, includes_network_devices: true, round_cap: null },
        settings_guaranteed: true, sbom: { provided: true, covers: ['lgwan_pc'] } }];
      d.data_links = [{ id: 'dl-1', model: '2', description: 'クラウドストレージ', cloud_accounts: ['ca-1'], controls: {} }];
    },
    errors: [
      ['/contracts/0/sbom/covers/0', 'no asset with id "lgwan_pc" is declared (did you mean "lgwan-pc"?)'],
      ['/contracts/0/scope/1', 'no asset with id "netwrk_device" is declared (did you mean "network_device"?)'],
      ['/data_links/0/cloud_accounts/0', 'no cloud account with id "ca-1" is declared'],
      ['/screen_transfer/0/platform_asset', 'no asset with id "mn-vdi" is declared'],
      ['/vulnerabilities/0/asset', 'no asset with id "jyuki" is declared (did you mean "juki"?)'],
    ],
    kyojinOnly: true,
  },
  {
    name: 'waiver-unknown-policy',
    about: 'a waiver must name a policy of the policy set',
    mutate: (d) => {
      d.waivers = [{ policy: 'ST-99', subject: '/assets/0', justification: '更改予定', approver: 'CISO', expires: '2027-03-31' }];
    },
    errors: [['/waivers/0/policy', 'policy "ST-99" is not in the policy set (did you mean "ST-09"?)']],
    kyojinOnly: true,
  },
  {
    name: 'waiver-bad-subject',
    about: 'a waiver subject is a JSON pointer that resolves inside the declaration',
    mutate: (d) => {
      d.waivers = [
        { policy: 'ST-01', subject: '/screen_transfer/0', justification: '移行中', approver: 'CISO', expires: '2027-03-31' },
        { policy: 'BM-03', subject: '/assets/1/controls/logging', justification: '移行中', approver: 'CISO', expires: '2027-03-31' },
      ];
    },
    errors: [
      ['/waivers/0/subject', 'JSON pointer "/screen_transfer/0" does not point into this declaration (nothing below /screen_transfer)'],
      ['/waivers/1/subject', 'JSON pointer "/assets/1/controls/logging" does not point into this declaration (nothing below /assets/1/controls)'],
    ],
    kyojinOnly: true,
  },
  {
    name: 'attack-tree-ids',
    about: 'scenario numbers, ATT&CK ids and countermeasure ids have fixed forms',
    mutate: (d) => {
      d.attack_trees = [{ id: '1_1', damage: 'core_stop', attacker: '攻撃者', entry: 'T15', via: [], base: '端末',
        target: '住民記録システム', final_attack: '暗号化', steps: [{ name: '侵入', countermeasures: ['firewall', 'edr'] }] }];
    },
    errors: [
      ['/attack_trees/0/entry', 'expected a MITRE ATT&CK technique id (e.g. T1566), found "T15"'],
      ['/attack_trees/0/id', 'expected a scenario number x-y (x: final business damage, y: variant), found "1_1"'],
      ['/attack_trees/0/steps/0/countermeasures/0', 'expected one of "fw", "one_way_gateway", "proxy", "ips_ids", "waf", "peer_auth", "patching", "vuln_avoidance", "operator_auth", "url_filtering", "mail_filtering", "device_control", "privilege_mgmt", "access_control", "critical_op_approval", "anomaly_monitoring", "log_analysis", "log_integration", "entry_lock", "camera", "intrusion_sensor", "edr", "ndr", "dlp", "mfa", "encryption", "backup", "harmlessization", "screen_transfer_isolation", "antimalware", found "firewall"'],
    ],
  },
  {
    name: 'too-many-errors',
    about: 'errors stop at the limit (100) with a closing line',
    mutate: (d) => {
      const a = d.assets[0];
      d.assets = [];
      for (let i = 0; i < 120; i++) d.assets.push(Object.assign(L.clone(a), { id: 'pc-' + i, kind: 'pc' }));
    },
    errors: Array.from({ length: 100 }, (_, i) => ['/assets/' + i + '/kind', 'expected one of ' + KINDS + ', found "pc"'])
      .concat([[null, 'too many errors: validation stopped after 100']]),
  },
];

module.exports = { minimal, cases };
