// What changes on the sandbox from one day to the next beyond its planted first week: posts
// edited in place, posts deleted, sellers' new posts and rotated contacts, each a pure function of (seed, day).
import { type Contact, makePhone, makeWechat } from './contacts.js';
import type { Doc } from './doc.js';
import { stamp } from './doc.js';
import { LAST_PLANT_DAY } from './item-space.js';
import { hashString, Rng } from './random.js';

/** From this day on items vanish, sellers post anew and rotate contacts (days 0–6 keep their planted plan). */
export const CHURN_FROM_DAY = LAST_PLANT_DAY + 1;
/** Chance that a live item is edited on a given day (from day 1): text changes, same URL. */
export const EDIT_RATE = 0.02;
/** Chance that a live item (filler or planted post) is deleted on a given day (from CHURN_FROM_DAY). */
export const VANISH_RATE = 0.005;
/** Share of the items born on a day from CHURN_FROM_DAY on the four posting sites that are a seller's new post. */
export const NEW_POST_SHARE = 0.08;
/** Chance that a seller switches to a new phone (or WeChat, without a phone) on a given day (from CHURN_FROM_DAY). */
export const ROTATE_RATE = 0.03;

/** A uniform number in [0, 1) from (seed, key). */
function unit(seed: number, key: string): number {
  return hashString(key, seed) / 4294967296;
}

/** The last day in (bornDay, day] on which the item was edited, or 0 when never. */
export function lastEditDay(seed: number, site: string, id: number, bornDay: number, day: number): number {
  for (let d = day; d > bornDay && d >= 1; d--) if (unit(seed, `edit:${site}:${id}:${d}`) < EDIT_RATE) return d;
  return 0;
}

/** First day the item is gone by the daily churn: a geometric draw, so a lookup is O(1) on any day. */
export function churnGoneDay(seed: number, site: string, id: number, bornDay: number): number {
  const u = Math.max(unit(seed, `vanish:${site}:${id}`), 1e-12);
  return Math.max(bornDay + 1, CHURN_FROM_DAY) + Math.floor(Math.log(u) / Math.log(1 - VANISH_RATE));
}

/** True when the item with this id (born on a churn day) is a seller's new post rather than filler. */
export function isNewSellerPost(seed: number, site: string, id: number): boolean {
  return unit(seed, `newpost:${site}:${id}`) < NEW_POST_SHARE;
}

/** Which visible seller a new post belongs to (an index into `candidates`). */
export function newPostSeller(seed: number, site: string, id: number, candidates: number): number {
  return hashString(`newpost-seller:${site}:${id}`, seed) % candidates;
}

export function rotatesOn(seed: number, seller: number, day: number): boolean {
  return day >= CHURN_FROM_DAY && unit(seed, `rotate:${seller}:${day}`) < ROTATE_RATE;
}

/** How many times the seller has rotated by `day`. */
export function rotationsBy(seed: number, seller: number, day: number): number {
  let n = 0;
  for (let d = CHURN_FROM_DAY; d <= day; d++) if (rotatesOn(seed, seller, d)) n++;
  return n;
}

/** The contact a seller's k-th rotation (1-based) switches to. */
export function rotatedContact(seed: number, seller: number, kind: 'phone' | 'wechat', k: number): Contact {
  const rng = new Rng(seed, `rotated:${seller}:${k}`);
  return { kind, value: kind === 'phone' ? makePhone(rng) : makeWechat(rng) };
}

const EDIT_LINES = [
  '补充一下：最近情况有变化，以这条为准。', '更新：有问题的可以继续留言。', '修改了一下格式，内容不变。', '补充说明：周末也可以联系。',
  '更新一下，之前写错了几个字。', '顶一下，补充几句。', '补充：前面说的时间有调整。', '已更新，谢谢大家提醒。',
];

/**
 * The doc as edited on `editDay`: floor `floor` (0-based; a seller's post edits the floor with its ad)
 * gains a line of text and a Discuz-style edit note.
 */
export function editedDoc(doc: Doc, seed: number, key: string, editDay: number, floor = 0): Doc {
  const rng = new Rng(seed, `edit-text:${key}:${editDay}`);
  const target = doc.floors[floor];
  if (!target) return doc;
  const note = `[本帖最后由 ${target.author} 于 ${stamp(editDay, -rng.int(0, 600))} 编辑]`;
  const floors = doc.floors.slice();
  floors[floor] = { ...target, text: `${target.text}\n${rng.pick(EDIT_LINES)}\n${note}` };
  return { ...doc, floors };
}
