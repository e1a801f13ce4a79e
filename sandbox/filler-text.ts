// Text of the non-planted items: honest discussions, crackdown news, school and job posts,
// invoice spam. They reuse the sellers' words on purpose (hard negatives).
import * as N from './content/negatives.js';
import { makePhone, makeQq, makeWechat } from './contacts.js';
import { type Doc, type Floor, honestHandle, slots, stamp } from './doc.js';
import type { SpaceSite } from './layout.js';
import { fill, Rng } from './random.js';
import type { World } from './world.js';

const TITLE_AND_BODY: Record<string, [readonly string[], readonly string[]]> = {
  news: [N.NEWS_TITLES, N.NEWS_BODIES],
  gov: [N.GOV_TITLES, N.GOV_BODIES],
  guide: [N.GUIDE_TITLES, N.GUIDE_BODIES],
  school: [N.SCHOOL_TITLES, N.SCHOOL_BODIES],
  job: [N.JOB_TITLES, N.JOB_BODIES],
  discussion: [N.DISCUSSION_TITLES, N.DISCUSSION_BODIES],
};

const MAX_FLOORS: Record<SpaceSite, number> = { bbs: 32, tieba: 45, classifieds: 1, qa: 6, news: 1, school: 1, jobs: 1 };

export function fillerDoc(world: World, site: SpaceSite, id: number): Doc {
  const rng = new Rng(world.seed, `filler:${site}:${id}`);
  const kind = world.fillerKind(site, id);
  const cert = world.fillerCert(site, id);
  const s: Record<string, string | readonly string[]> = {
    ...slots(rng, cert),
    phone: makePhone(rng), wechat: makeWechat(rng), qq: makeQq(rng),
  };
  let title: string;
  let body: string;
  if (kind === 'invoice-spam') {
    body = fill(rng.pick(N.INVOICE_SPAM), s, rng);
    title = rng.pick(['代开发票', '各类发票', '发票代开 可验', `${String(s['city'])}开票`, '低点开票']) + rng.pick(['', '（长期有效）', ' 诚信', '！']);
  } else if (site === 'qa' && kind === 'discussion') {
    title = fill(rng.pick(N.QA_QUESTIONS), s, rng);
    body = fill(rng.pick(N.DISCUSSION_BODIES), s, rng);
  } else {
    const [titles, bodies] = TITLE_AND_BODY[kind]!;
    title = fill(rng.pick(titles), s, rng);
    body = fill(rng.pick(bodies), s, rng);
  }
  const born = world.spaces[site].bornDay(id);
  const minutes = born === 0 ? rng.int(60, 60 * 24 * 90) : rng.int(0, 600);
  const op = honestHandle(rng);
  const floors: Floor[] = [{ author: kind === 'news' || kind === 'gov' || kind === 'guide' ? String(s['outlet']) : op.name, uid: op.uid, time: stamp(born, minutes), text: body }];
  const replies = rng.int(0, MAX_FLOORS[site] - 1);
  for (let f = 2; f <= 1 + replies; f++) {
    const h = honestHandle(rng);
    const text = site === 'qa' ? fill(rng.pick(N.QA_HONEST_ANSWERS), s, rng) : fill(rng.pick(N.FORUM_REPLIES), s, rng);
    floors.push({ author: h.name, uid: h.uid, time: stamp(born, minutes - f * 11), text });
  }
  return { title, cert, floors };
}
