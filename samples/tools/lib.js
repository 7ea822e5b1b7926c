// Building blocks for the sample declarations (deterministic: no clock, no randomness
// except the seeded generator below). Used by samples/tools/gen.js.
// Local-government codes are written out whole (six digits) in base.js, bodies.js and
// invalid.js: the check digit is computed by kyojin only (core/input/lgcode.h, and the
// validator lua/kyojin/validate.lua, which accepts every sample in tests/schema).
'use strict';
const crypto = require('crypto');

// Evidence reference whose SHA-256 is that of its title (stands in for the document).
function evidence(title, date) {
  return { title, date, sha256: crypto.createHash('sha256').update(title).digest('hex') };
}
// A process fact carrying evidence.
function ev(value, title, date) {
  return { value, evidence: evidence(title, date) };
}

// Seeded pseudo-random numbers (mulberry32) so generated samples never change.
function rng(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clone = (x) => JSON.parse(JSON.stringify(x));

// Controls of a well-run business terminal.
function terminalControls(o = {}) {
  return Object.assign({
    edr: { enabled: true, behaviour_detection: true, managed_monitoring: true, csirt_link: true,
           isolates_on_detection: true, investigation_support: true, detects_exfiltration: true },
    antimalware: { pattern_matching: true, behaviour_detection: true, definitions_current: true },
    patch: { os_timely: true, managed_by_vendor: false },
    allowlisting: true,
    dlp: true,
    mfa: true,
    ndr: true,
    encryption: { at_rest: true, in_transit: true },
    logging: { collected: true, analysed: true, retention_days: 400 },
    backup: { enabled: true, includes_mail: true, offline: true },
    url_filtering: true,
    device_control: true,
    privilege_management: true,
    log_integration: true,
    anomaly_monitoring: true,
  }, o);
}

// Controls of a well-run server (business system, database, platform).
function serverControls(o = {}) {
  return Object.assign({
    edr: { enabled: true, behaviour_detection: true, managed_monitoring: true, csirt_link: true,
           isolates_on_detection: true, investigation_support: true, detects_exfiltration: true },
    antimalware: { pattern_matching: true, behaviour_detection: true, definitions_current: true },
    patch: { os_timely: true, managed_by_vendor: true },
    allowlisting: true,
    dlp: true,
    mfa: true,
    ndr: true,
    encryption: { at_rest: true, in_transit: true },
    logging: { collected: true, analysed: true, retention_days: 1825 },
    backup: { enabled: true, offline: true },
    firewall: true,
    privilege_management: true,
    log_integration: true,
    anomaly_monitoring: true,
  }, o);
}

// Controls of a well-run network device (firewall, router, gateway appliance).
function networkControls(o = {}) {
  return Object.assign({
    patch: { os_timely: true, managed_by_vendor: true },
    mfa: true,
    ndr: true,
    encryption: { at_rest: false, in_transit: true },
    logging: { collected: true, analysed: true, retention_days: 400 },
    firewall: true,
    ips: true,
    privilege_management: true,
    log_integration: true,
    anomaly_monitoring: true,
  }, o);
}

// Controls of a cloud service the body uses (managed by the CSP and the vendor).
function cloudControls(o = {}) {
  return Object.assign({
    patch: { os_timely: true, managed_by_vendor: true },
    mfa: true,
    dlp: true,
    encryption: { at_rest: true, in_transit: true },
    logging: { collected: true, analysed: true, retention_days: 400 },
    backup: { enabled: true, offline: false },
    waf: true,
    privilege_management: true,
    log_integration: true,
    anomaly_monitoring: true,
  }, o);
}

function asset(id, name, kind, segment, count, logical, physical, boundary, controls, extra = {}) {
  const a = { id, name, kind, segment, count, placement: { logical, physical },
              internet_boundary: boundary };
  if (extra.importance !== undefined) a.importance = extra.importance;
  if (extra.infrastructure !== undefined) a.infrastructure = extra.infrastructure;
  if (extra.gov_cloud !== undefined) a.gov_cloud = extra.gov_cloud;
  if (extra.data !== undefined) a.data = extra.data;
  a.controls = controls;
  return a;
}

// A screen-transfer connection closed in every direction (ST-01…ST-10 met).
function closedConnection(o) {
  const c = {
    id: o.id,
    terminal_segment: o.terminal_segment,
    target_segment: o.target_segment,
    method: o.method,
  };
  if (o.platform_asset) c.platform_asset = o.platform_asset;
  if (o.daas_csp) c.daas_csp = o.daas_csp;
  if (o.gov_cloud_csp) c.gov_cloud_csp = o.gov_cloud_csp;
  Object.assign(c, {
    local_breakout: o.local_breakout || false,
    terminal_remains_in_internet: o.terminal_remains_in_internet || false,
    lgwan_internet_breakout: o.lgwan_internet_breakout || false,
    redirection: {
      clipboard: { to_local: false, to_virtual: false },
      file: { to_local: false, to_virtual: false },
      printer: false, drive: false, usb: false,
    },
    encryption: true,
    session_rebuild: true,
    session_ends_with_local: true,
    refresh_interval_days: o.refresh_interval_days || 1,
    mfa: true,
    designated_staff_only: true,
    wireless_lan: o.wireless_lan || { used: false },
    executive_decision: o.executive_decision,
    platform_patch_managed: o.platform_patch_managed === undefined ? true : o.platform_patch_managed,
  });
  return c;
}

function json(obj) {
  return JSON.stringify(obj, null, 2) + '\n';
}

module.exports = { evidence, ev, rng, clone, terminalControls, serverControls,
  networkControls, cloudControls, asset, closedConnection, json };
