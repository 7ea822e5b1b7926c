-- Which countermeasures act against which threat, and at which stage (IPA 表4-33 columns):
--   intrusion   防御 — 初期侵入段階/内部侵攻・拡散段階
--   objective   防御 — 目的遂行段階
--   detection   検知/被害把握
--   continuity  事業継続 (shown on the sheet, not counted: rules.lua counted_stages)
-- One entry per threat of threats.lua; every id must be in countermeasures.lua.
-- A countermeasure listed under several stages counts once.
return {
  unauthorized_access_internet = {
    intrusion = { "fw", "one_way_gateway", "proxy", "waf", "peer_auth", "ips_ids", "patching",
                  "vuln_avoidance", "mfa" },
    objective = { "access_control", "privilege_mgmt", "encryption" },
    detection = { "ips_ids", "log_analysis", "log_integration", "edr", "ndr" },
    continuity = { "backup" },
  },
  unauthorized_access_admin_terminal = {
    intrusion = { "fw", "peer_auth", "operator_auth", "mfa", "patching", "vuln_avoidance" },
    objective = { "privilege_mgmt", "access_control", "critical_op_approval" },
    detection = { "log_analysis", "log_integration", "anomaly_monitoring", "edr", "ndr" },
    continuity = { "backup" },
  },
  mail_malware = {
    intrusion = { "mail_filtering", "url_filtering", "proxy", "harmlessization", "antimalware",
                  "patching", "screen_transfer_isolation" },
    objective = { "privilege_mgmt", "dlp" },
    detection = { "edr", "ndr", "log_analysis" },
    continuity = { "backup" },
  },
  ddos = {
    intrusion = { "fw", "ips_ids", "waf", "patching" },
    objective = {},
    detection = { "ips_ids", "anomaly_monitoring", "ndr" },
    continuity = {},
  },
  process_misuse = {
    intrusion = { "privilege_mgmt", "access_control", "critical_op_approval" },
    objective = { "privilege_mgmt", "access_control", "critical_op_approval" },
    detection = { "anomaly_monitoring", "log_analysis", "log_integration", "edr" },
    continuity = { "backup" },
  },
  malware_spread = {
    intrusion = { "fw", "patching", "vuln_avoidance", "antimalware", "peer_auth",
                  "screen_transfer_isolation" },
    objective = { "privilege_mgmt", "access_control", "dlp", "encryption" },
    detection = { "edr", "ndr", "ips_ids", "log_analysis", "log_integration" },
    continuity = { "backup" },
  },
  physical_intrusion = {
    intrusion = { "entry_lock" },
    objective = {},
    detection = { "camera", "intrusion_sensor" },
    continuity = {},
  },
  maintenance_misuse = {
    intrusion = { "operator_auth", "mfa", "antimalware", "patching" },
    objective = { "privilege_mgmt", "critical_op_approval", "access_control" },
    detection = { "log_analysis", "log_integration", "anomaly_monitoring", "edr" },
    continuity = { "backup" },
  },
  mistaken_operation = {
    intrusion = { "url_filtering", "mail_filtering", "harmlessization", "antimalware" },
    objective = { "critical_op_approval", "dlp" },
    detection = { "edr", "log_analysis" },
    continuity = { "backup" },
  },
  rogue_media = {
    intrusion = { "device_control", "antimalware" },
    objective = { "device_control", "encryption" },
    detection = { "device_control", "log_analysis", "log_integration", "edr" },
    continuity = { "backup" },
  },
  theft = {
    intrusion = { "entry_lock" },
    objective = { "encryption" },
    detection = { "camera", "intrusion_sensor", "anomaly_monitoring" },
    continuity = { "backup" },
  },
  cable_cut = {
    intrusion = { "entry_lock" },
    objective = {},
    detection = { "anomaly_monitoring", "camera" },
    continuity = {},
  },
  wireless_jamming = {
    intrusion = {},
    objective = {},
    detection = { "anomaly_monitoring" },
    continuity = {},
  },
  eavesdropping = {
    intrusion = { "peer_auth", "entry_lock" },
    objective = { "encryption" },
    detection = { "ndr" },
    continuity = {},
  },
  tampering = {
    intrusion = { "peer_auth" },
    objective = { "encryption" },
    detection = { "ndr", "log_analysis" },
    continuity = {},
  },
  rogue_device = {
    intrusion = { "device_control", "peer_auth" },
    objective = {},
    detection = { "ndr", "anomaly_monitoring", "log_analysis" },
    continuity = {},
  },
}
