-- Risk matrix (requirements.md RA-04): rows are threat level × vulnerability level, columns
-- asset importance or business-damage level. A (very high) … E (very low).
-- kyojin warns when a matrix is not monotonic (a higher row or column giving a lower risk),
-- and when it does not reproduce the cells the seeds state (anchors below).
return {
  id = "default",
  name = { ja = "既定のリスクマトリクス（S000/S001）", en = "Default risk matrix (S000/S001)" },
  -- the risk values, highest risk first (the delta scores a drop by its steps on this scale)
  scale = { "A", "B", "C", "D", "E" },
  -- levels 1..n of threat and vulnerability (rows: their products) and of the columns; the
  -- other tables give levels 1, 2 or 3
  dimensions = { threat = 3, vulnerability = 3, column = 3 },
  rows = { 9, 6, 4, 3, 2, 1 },
  columns = { 1, 2, 3 },
  cells = {
    { "C", "B", "A" },   -- 9
    { "C", "B", "A" },   -- 6
    { "D", "C", "B" },   -- 4
    { "E", "D", "B" },   -- 3
    { "E", "D", "C" },   -- 2
    { "E", "E", "D" },   -- 1
  },
  -- the cells the seeds state; every matrix must keep them
  anchors = {
    { product = 1, column = 1, value = "E", seed = "S001 (importance 1, threat×vulnerability ≤ 3)" },
    { product = 2, column = 1, value = "E", seed = "S001 (importance 1, threat×vulnerability ≤ 3)" },
    { product = 3, column = 1, value = "E", seed = "S001 (importance 1, threat×vulnerability ≤ 3)" },
    { product = 3, column = 3, value = "B", seed = "S001 (importance 3, threat×vulnerability 3)" },
    { product = 2, column = 2, value = "D", seed = "S000 scenario 1-1 (business damage 2, threat 2 × vulnerability 1)" },
  },
}
