// Contact cues sellers disguise (薇信, V❤, ➕V, vx, 扣扣, 企鹅 …) rewritten to one
// canonical token each ("微信", "qq"), so features and contact extraction see one word.
const SEP = '[\\s\\-_.·•*~]?';

const RULES: Array<[RegExp, string]> = [
  [/wei\s*xin|wei(?=信)|weixin/g, '微信'],
  [new RegExp(`[微薇威徽维卫巍]${SEP}[信芯心❤♥💗💚]`, 'g'), '微信'],
  [new RegExp(`(?<![a-z0-9])(?:v|w)${SEP}(?:x|信|芯|心|❤|♥|💗|💚)(?![a-z_])`, 'g'), '微信'],
  // The cue glued to the id ("vxhaoge_202488", "v信laowang88"): the id is 6–20 characters from a
  // letter. After the latin "vx"/"wx" it must also hold a digit or '_', so words such as vxworks,
  // wxwidgets or vxlan stay words; the tech names that take a version or number (vxworks7,
  // vxlan100, wxpython_3) are listed, but only as the whole token (vxlanxiang_88 is an id);
  // "wxid_…" is itself an id, not a cue.
  [new RegExp(`(?<![a-z0-9])(?:[vw]x(?!id_|(?:works|lan|widgets|python|windows|glade)[0-9_-]*(?![a-z0-9_-]))(?=[a-z-]*[0-9_])|[vw]${SEP}(?:信|芯|心|❤|♥|💗|💚))(?=[a-z][a-z0-9_-]{5,19}(?![a-z0-9_-]))`, 'g'), '微信'],
  // "卫星" (satellite, wei-xing) is slang for 微信, but also a word: only right before an id.
  [/卫星(?=\s*[:：→~\-]?\s*(?:[a-z][a-z0-9_-]{5,19}|\d{6,})(?![a-z0-9_-]))/g, '微信'],
  // "➕V", "+v", "加v", "十v": add-me-on-WeChat, letter not followed by more letters.
  [/(?:\+|加|十)\s*[vw](?![a-z])/g, '加微信'],
  // A bare "v:" / "v号" / "v~" before an id.
  [/(?<![a-z0-9])v(?=\s*[:：号~→]\s*[a-z0-9])/g, '微信'],
  [/扣扣|抠抠|寇寇|蔻蔻|企鹅|(?<![a-z])q\s?q(?![a-z])|qq/g, 'qq'],
  [/(?<![a-z0-9])q(?=\s*[:：号]?\s*\d{5,})/g, 'qq'],
];

/** Rewrites every contact-cue variant to its canonical token. Expects char-folded (lower-case) text. */
export function canonicalizeContactCues(text: string): string {
  let out = text;
  for (const [re, to] of RULES) out = out.replace(re, to);
  return out;
}
