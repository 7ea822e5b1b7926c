-- Which threats apply to which assets (S001 ②-1 想定される脅威一覧と資産種別の対応表).
-- One entry per threat of threats.lua. Fields (all optional; absent = no restriction):
--   kinds       asset kinds the threat applies to
--   placements  logical placements (internet_reachable, intranet, isolated)
--   segments    segments (mynumber, lgwan, internet, cloud)
--   boundary    true: also applies to any asset with internet_boundary = true
--   except_data does not apply to assets holding one of these data classes
local servers = { "server", "screen_transfer_platform", "storage", "mail_relay", "cloud_service",
                  "file_link_server", "database" }
local network = { "network_device", "gateway", "vpn", "auth_gateway" }
-- (data files run in an empty environment: plain loops only)
local function join(...)
  local lists, out = { ... }, {}
  for i = 1, #lists do
    for j = 1, #lists[i] do out[#out + 1] = lists[i][j] end
  end
  return out
end
return {
  unauthorized_access_internet = { placements = { "internet_reachable" }, boundary = true },
  unauthorized_access_admin_terminal = { kinds = join(servers, network) },
  -- no mail reaches the My Number segment or the platforms that serve it
  mail_malware = { kinds = { "terminal", "screen_transfer_platform" },
                   placements = { "internet_reachable", "intranet" },
                   segments = { "lgwan", "internet", "cloud" }, except_data = { "my_number" } },
  ddos = { kinds = join(servers, network), placements = { "internet_reachable" }, boundary = true },
  process_misuse = { kinds = join({ "terminal", "maintenance_terminal" }, servers) },
  malware_spread = { kinds = join({ "terminal", "maintenance_terminal" }, servers) },
  physical_intrusion = {},
  maintenance_misuse = { kinds = { "maintenance_terminal" } },
  mistaken_operation = { kinds = { "terminal", "maintenance_terminal" } },
  rogue_media = { kinds = { "terminal", "maintenance_terminal", "server", "storage",
                            "file_link_server", "database" } },
  theft = {},
  cable_cut = { kinds = network },
  wireless_jamming = { kinds = network },
  eavesdropping = { kinds = join(network, { "screen_transfer_platform" }) },
  tampering = { kinds = join(network, { "screen_transfer_platform" }) },
  rogue_device = { kinds = { "network_device" } },
}
