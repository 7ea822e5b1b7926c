-- Risk matrix (requirements.md RA-04): rows are threat level × vulnerability level, columns
-- asset importance or business-damage level. A (very high) … E (very low).
-- Every matrix must keep the cells stated in the seeds (S001):
--   importance 1, threat×vulnerability ≤ 3 → E;  importance 3, threat×vulnerability = 3 → B;
--   business damage 2, threat 2 × vulnerability 1 → D (S000 scenario 1-1).
-- kyojin warns when a matrix is not monotonic (a higher row or column giving a lower risk).
return {
  id = "default",
  name = { ja = "既定のリスクマトリクス（S000/S001）", en = "Default risk matrix (S000/S001)" },
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
}
