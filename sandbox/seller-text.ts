// Text of planted seller posts: one base ad per seller, reposted with small edits,
// contacts rendered the obfuscated ways sellers write them (or left to a picture/XHR).
import { renderContact } from './contacts.js';
import { CITIES } from './content/people.js';
import { toTraditional as traditional } from './content/traditional.js';
import { DISCUSSION_BODIES, FORUM_REPLIES, QA_HONEST_ANSWERS, QUOTE_WARNINGS } from './content/negatives.js';
import { BAIT_QUESTIONS, CLAIMS, CLASSIFIED_BODIES, CLOSERS, FORUM_BODIES, OPENERS, QA_ANSWERS, REPLY_ADS, TITLE_TEMPLATES } from './content/seller-ads.js';
import { type Doc, type Floor, honestHandle, slots, stamp } from './doc.js';
import { fill, Rng } from './random.js';
import type { PlantedPost, World } from './world.js';

export const XSS_PAYLOADS = {
  script: '<script>window.__sandboxXss=true</script>',
  onerror: '<img src=x onerror="window.__sandboxXss=true">',
  javascript: 'javascript:window.__sandboxXss=true',
} as const;

/** The contact line of a post: every shown contact not hidden behind XHR or a picture. */
export function contactText(world: World, p: PlantedPost, rng: Rng): string {
  const inText = p.shown.filter((c) => c !== p.pictured && !(p.mode === 'xhr' && c.kind === 'phone'));
  const hasWechat = p.shown.some((c) => c.kind === 'wechat');
  const parts = inText.map((c) => renderContact(c, rng, { sameAsPhone: c.kind === 'phone' && !hasWechat && rng.chance(0.4) }));
  if (p.mode === 'image') parts.push(rng.pick(['电话见下图', '联系方式看图片', '号码在图上👇']));
  if (p.mode === 'qr') parts.push(rng.pick(['（二维码见图）', '扫描下方二维码咨询', '↓↓扫码↓↓', '👇二维码👇']));
  if (p.mode === 'xhr') parts.push('电话请点击“查看电话”');
  const cited = world.verificationSites.find((v) => v.citedBy === p.seller);
  if (cited) parts.push(`${rng.pick(['证书官网可查', '查询网址', '真伪查询', '出证后可上网查'])}：${world.origin(`verify-${cited.k}`)}${cited.path}`);
  return parts.join(rng.pick(['，', ' ', '\n', ' | ']));
}

function postRng(world: World, p: PlantedPost, part: string): Rng {
  return new Rng(world.seed, `${p.key}:${part}`);
}

/** Seller-level rng: the same choices for every repost of one seller. */
function sellerRng(world: World, p: PlantedPost, part: string): Rng {
  return new Rng(world.seed, `S${p.seller}:${part}`);
}

export function sellerDoc(world: World, p: PlantedPost): Doc {
  const seller = world.sellers[p.seller]!;
  const persona = seller.personas[p.persona]!;
  const rng = postRng(world, p, 'text');
  const srng = sellerRng(world, p, 'ad');
  const city = srng.pick(CITIES);
  const cert = p.certs[0]!;
  const s = { ...slots(rng, cert, city), claim: CLAIMS, claim2: CLAIMS, claim3: CLAIMS };
  // Reposts keep the seller's template most of the time: near-duplicates with edits.
  const tIdx = (seller.style + (rng.chance(0.2) ? rng.int(1, 5) : 0));
  const style = p.site === 'classifieds' ? CLASSIFIED_BODIES : p.site === 'qa' ? QA_ANSWERS : FORUM_BODIES;
  const contact = contactText(world, p, rng);
  let adTitle = fill(TITLE_TEMPLATES[tIdx % TITLE_TEMPLATES.length]!, s, rng);
  let adBody = rng.pick(OPENERS) + fill(style[tIdx % style.length]!, { ...s, contact }, rng) + rng.pick(CLOSERS);
  if (p.xss) adBody += `\n${p.xss === 'javascript' ? `价格表：${XSS_PAYLOADS.javascript}` : XSS_PAYLOADS[p.xss]}`;
  if (p.traditional) {
    adTitle = traditional(adTitle);
    adBody = traditional(adBody);
  }
  const born = p.bornDay;
  const minutes = born === 0 ? rng.int(60, 60 * 24 * 40) : rng.int(0, 600);
  const floors: Floor[] = [];
  const sellerFloor = (text: string, at: number): Floor => ({ author: persona.handle, uid: persona.uid, time: stamp(born, minutes - at), text, seller: true, picture: p.pictured ? (p.mode === 'image' ? 'image' : 'qr') : undefined });
  const hrng = postRng(world, p, 'floors');
  const honest = (at: number, text: string): Floor => {
    const h = honestHandle(hrng);
    return { author: h.name, uid: h.uid, time: stamp(born, minutes - at), text };
  };
  let title = adTitle;
  if (p.contactFloor === 1) {
    floors.push(sellerFloor(adBody, 0));
  } else if (p.site === 'qa' || rng.chance(0.5)) {
    // An honest question, answered (or replied to) by the seller with the ad.
    title = fill(rng.pick(BAIT_QUESTIONS), s, rng);
    floors.push(honest(0, fill(rng.pick(DISCUSSION_BODIES), s, rng)));
  } else {
    // The seller's own thread without contact; the contact follows in a later floor.
    floors.push({ ...sellerFloor(fill(style[tIdx % style.length]!, { ...s, contact: rng.pick(['联系方式见楼下', '私信或看回复', '详情看下面回复']) }, rng), 0), picture: undefined });
  }
  for (let f = 2; f <= p.floors; f++) {
    if (f === p.contactFloor) {
      const text = p.site === 'qa' ? adBody : fill(rng.pick(REPLY_ADS), { ...s, contact }, rng) + (p.xss ? `\n${XSS_PAYLOADS[p.xss]}` : '');
      floors.push(sellerFloor(p.traditional ? traditional(text) : text, f * 7));
    } else {
      floors.push(honest(f * 7, fill(p.site === 'qa' ? rng.pick(QA_HONEST_ANSWERS) : rng.pick(FORUM_REPLIES), s, hrng)));
    }
  }
  // On the forum, the floor after the ad sometimes quotes it to warn others (its own rng: every
  // other draw stays as it was). Its words are honest; the quoted contact stays the seller's.
  const qrng = postRng(world, p, 'quote');
  const ad = floors[p.contactFloor - 1];
  const next = floors[p.contactFloor];
  if (p.site === 'bbs' && ad?.seller && next && !next.seller && qrng.chance(0.35)) {
    floors[p.contactFloor] = { ...next, text: qrng.pick(QUOTE_WARNINGS), quote: { author: ad.author, time: ad.time, text: ad.text } };
  }
  return { title, cert, floors };
}
