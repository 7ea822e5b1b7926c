-- Which declared controls provide which countermeasure for an asset
-- (the "○" a risk analyst sets from the municipality's answers, S001 ④).
-- Each rule: countermeasure (id of countermeasures.lua) and conditions:
--   all = { path, ... }   every path holds          any = { path, ... }  at least one holds
--   kinds / segments      the asset's kind / segment is listed (absent = any)
--   except_kinds          the asset's kind is not listed
--   each = "/pointer"     evaluate paths on the elements of that declaration array that
--                         refer to the asset: field `match` equals the asset id, or (an array)
--                         contains the asset id or kind; or field `match_segment` equals the
--                         asset's segment. The rule holds if one such element satisfies it.
-- Paths: "a/b/c" is relative to the asset (or the `each` element), "/a/b" to the declaration.
-- A path holds when its value is true, a fact {value = true}, a non-empty array or string,
-- or a non-zero number; "path=text" holds when the value is the string text, and
-- "path=false" / "path=true" when it is that boolean (a missing value holds neither: an
-- undeclared setting is never credited). A countermeasure provided here still stops counting
-- when a policy tied to it fails (docs/dev/interfaces.md §7).
-- A screen-transfer connection that keeps the virtual and the local terminal apart.
local SEPARATED = { "redirection/clipboard/to_local=false", "redirection/clipboard/to_virtual=false",
                    "redirection/file/to_local=false", "redirection/file/to_virtual=false",
                    "redirection/printer=false", "redirection/drive=false", "redirection/usb=false" }
return {
  -- S002 注11「製品の導入だけでは未知の不正プログラムの対策とはならない」: an EDR counts only
  -- with its monitoring, its link to the CSIRT and a CSIRT, in every model
  { countermeasure = "edr", all = { "controls/edr/enabled", "controls/edr/managed_monitoring",
                                    "controls/edr/csirt_link", "/organisation/csirt/exists" } },
  { countermeasure = "ndr", all = { "controls/ndr" } },
  { countermeasure = "dlp", all = { "controls/dlp" } },
  { countermeasure = "mfa", all = { "controls/mfa" } },
  { countermeasure = "mfa", each = "/screen_transfer", match = "platform_asset", all = { "mfa" } },
  { countermeasure = "antimalware",
    any = { "controls/antimalware/pattern_matching", "controls/antimalware/behaviour_detection" } },
  -- patching counts on an asset only when its own patch fact says the patches are applied;
  -- a vendor contract is evidence of the process, not of the patch (S004「ネットワーク機器は
  -- 未適用という部分が散見」)
  { countermeasure = "patching", all = { "controls/patch/os_timely" } },
  -- a vendor mitigation applied to a known vulnerability of the asset (PV-05)
  { countermeasure = "vuln_avoidance", each = "/vulnerabilities", match = "asset",
    all = { "mitigation/applied" } },
  { countermeasure = "encryption",
    any = { "controls/encryption/at_rest", "controls/encryption/in_transit" } },
  { countermeasure = "encryption", each = "/screen_transfer", match = "platform_asset",
    all = { "encryption" } },
  { countermeasure = "log_analysis", all = { "controls/logging/collected", "controls/logging/analysed" } },
  { countermeasure = "log_integration", all = { "controls/log_integration" } },
  { countermeasure = "anomaly_monitoring", all = { "controls/anomaly_monitoring" } },
  { countermeasure = "backup", all = { "controls/backup/enabled" } },
  { countermeasure = "access_control", all = { "controls/access_control/per_division" } },
  { countermeasure = "fw", all = { "controls/firewall" } },
  -- 分割: only screen transfer passes between internet and lgwan (AL-03)
  { countermeasure = "fw", segments = { "lgwan" },
    all = { "/segment_boundary/internet_lgwan_screen_transfer_only" } },
  { countermeasure = "ips_ids", all = { "controls/ips" } },
  { countermeasure = "waf", all = { "controls/waf" } },
  { countermeasure = "url_filtering", all = { "controls/url_filtering" } },
  { countermeasure = "mail_filtering", all = { "controls/mail_filtering" } },
  -- text-only mail into lgwan (AL-02)
  { countermeasure = "mail_filtering", segments = { "lgwan" },
    all = { "/mail/attachments_removed", "/mail/html_to_text" } },
  { countermeasure = "device_control", all = { "controls/device_control" } },
  { countermeasure = "device_control", kinds = { "terminal", "maintenance_terminal" },
    all = { "/removable_media/device_connection_control" } },
  { countermeasure = "privilege_mgmt", all = { "controls/privilege_management" } },
  -- a room with multi-factor entry restriction (S001 物理的配置 1) has entry and lock
  -- management; a merely "restricted" place is not assumed to
  { countermeasure = "entry_lock", all = { "placement/physical=mfa_room" } },
  -- files entering lgwan pass harmlessization (AL-01)
  { countermeasure = "harmlessization", segments = { "lgwan" }, all = { "/harmlessization/methods" } },
  -- screen transfer: the platform itself, and the terminals that use it, only where the
  -- connection keeps the virtual and the local terminal apart (S000 技術的な留意点: clipboard,
  -- file hand-over and device redirection blocked both ways)
  { countermeasure = "screen_transfer_isolation", each = "/screen_transfer", match = "platform_asset",
    all = SEPARATED },
  { countermeasure = "screen_transfer_isolation", kinds = { "terminal" },
    each = "/screen_transfer", match_segment = "terminal_segment",
    all = SEPARATED },
}
