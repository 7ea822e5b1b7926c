-- Entry points (侵入口) of attack trees: MITRE ATT&CK Initial Access as S001 chose them
-- (requirements.md RA-06). `threat_level` is the level an attack entering there starts with;
-- the tree's threat level is the lower of it and the target's placement level (rules.lua).
-- Remote maintenance over a closed network is outside the analysis (S001 ※1).
return {
  { id = "T1659", threat_level = 3,
    name = { ja = "Content Injection（水飲み場型攻撃等による端末のマルウェア感染）",
             en = "Content Injection (terminal infected by a watering-hole attack)" } },
  { id = "T1189", threat_level = 3,
    name = { ja = "Drive-by Compromise（水飲み場型攻撃等による端末のマルウェア感染）",
             en = "Drive-by Compromise (terminal infected by a watering-hole attack)" } },
  { id = "T1566", threat_level = 3,
    name = { ja = "Phishing（標的型メール等による認証情報の窃取、添付ファイル等からの感染）",
             en = "Phishing (credentials stolen or terminal infected through mail)" } },
  { id = "T1190", threat_level = 3,
    name = { ja = "Exploit Public-Facing Application（申請データへのマルウェア添付、APIの脆弱性）",
             en = "Exploit Public-Facing Application (malicious application data, API flaws)" } },
  { id = "T1091", threat_level = 1,
    name = { ja = "Replication Through Removable Media（マルウェアが埋め込まれたUSBメモリ）",
             en = "Replication Through Removable Media (infected USB memory)" } },
  { id = "T1078", threat_level = 3,
    name = { ja = "Valid Accounts（窃取したクラウドアカウントの認証情報の利用）",
             en = "Valid Accounts (stolen cloud account credentials)" } },
}
