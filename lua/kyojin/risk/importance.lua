-- Asset importance (資産の重要度, requirements.md RA-01, S001 table) for assets that do not
-- declare `importance`. Every rule whose conditions all hold proposes its importance; the
-- highest proposal wins, `default` when none holds. Conditions: segments (the asset's
-- segment is one of them), data (the asset holds one of these data classes), kinds.
return {
  default = 1,
  rules = {
    -- 3: My Number information leaked or damaged, mynumber systems stop
    { importance = 3, segments = { "mynumber" } },
    { importance = 3, data = { "my_number" } },
    -- 2: lgwan/internet systems leak or damage confidentiality-3C/2 information
    { importance = 2, data = { "confidential_3", "confidential_2" } },
    -- 1: no effect on services, or immediate recovery (default)
  },
}
