// Posts from JSON thread content (what JS-rendered forums load by XHR): finds the
// array of post-like objects and maps common field names; bodies may hold HTML.
import { load } from 'cheerio';
import type { ExtractedPost } from '../types.js';
import { absoluteUrl, blockText, normaliseTime, oneLine } from './text.js';

type Json = unknown;
type Obj = Record<string, Json>;

const BODY_KEYS = ['content', 'body', 'text', 'message', 'msg', 'answer', 'description', 'desc', 'html', 'post_content'];
const AUTHOR_KEYS = ['author', 'user', 'username', 'userName', 'nickname', 'nickName', 'uname', 'poster', 'name'];
const TIME_KEYS = ['time', 'postedAt', 'posted_at', 'createdAt', 'created_at', 'created', 'date', 'postTime', 'post_time', 'pubdate', 'timestamp'];
const TITLE_KEYS = ['title', 'subject'];
const FLOOR_KEYS = ['floor', 'position', 'floor_num', 'floorNum', 'post_no', 'no'];
const ID_KEYS = ['id', 'pid', 'postId', 'post_id'];
const IMAGE_KEYS = ['images', 'imgs', 'pics', 'pictures', 'image', 'img'];
const LINK_KEYS = ['links', 'urls'];
const MAX_NODES = 50_000;

const isObj = (v: Json): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function pick(o: Obj, keys: readonly string[]): Json {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null && o[k] !== '') return o[k];
  return undefined;
}

function str(v: Json): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function htmlToText(s: string): string {
  if (!/[<&]/.test(s)) return s.trim();
  const $ = load(s.slice(0, 500_000), { xml: { xmlMode: false, decodeEntities: true } });
  $('script, style, noscript, template, iframe').remove();
  return blockText($.root().toArray());
}

function timeOf(v: Json): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
    const ms = v < 1e12 ? v * 1000 : v;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  return normaliseTime(str(v));
}

function urlsOf(v: Json, base: string): string[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const out: string[] = [];
  for (const item of list.slice(0, 100)) {
    const raw = isObj(item) ? str(pick(item, ['url', 'src', 'href'])) : str(item);
    const abs = raw?.startsWith('data:image/') ? raw : absoluteUrl(raw, base);
    if (abs) out.push(abs);
  }
  return out;
}

function authorOf(v: Json): string | undefined {
  if (isObj(v)) return oneLine(str(pick(v, ['name', 'nickname', 'nickName', 'username', 'userName', 'uname'])), 60);
  return oneLine(str(v), 60);
}

function bodyOf(o: Obj): string | undefined {
  const v = pick(o, BODY_KEYS);
  if (typeof v === 'string') return htmlToText(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? htmlToText(x) : isObj(x) ? (str(pick(x, ['text', 'content'])) ?? '') : '')).join('\n').trim();
  return undefined;
}

/** Breadth-first search for the array of objects carrying the most body text. */
function findPostArray(root: Json): { items: Obj[]; owner: Obj | null } | null {
  let best: { items: Obj[]; owner: Obj | null; score: number } | null = null;
  const queue: { node: Json; owner: Obj | null }[] = [{ node: root, owner: null }];
  let visited = 0;
  while (queue.length && visited < MAX_NODES) {
    const { node, owner } = queue.shift()!;
    visited++;
    if (Array.isArray(node)) {
      const objs = node.filter(isObj);
      let score = 0;
      for (const o of objs.slice(0, 1000)) score += bodyOf(o)?.length ?? 0;
      if (score > 0 && (!best || score > best.score)) best = { items: objs, owner, score };
      for (const child of node.slice(0, 1000)) if (child && typeof child === 'object') queue.push({ node: child, owner });
    } else if (isObj(node)) {
      for (const child of Object.values(node)) if (child && typeof child === 'object') queue.push({ node: child, owner: node });
    }
  }
  if (best) return best;
  // A single post object (an ad's JSON) is a one-element thread.
  if (isObj(root) && bodyOf(root)) return { items: [root], owner: null };
  return null;
}

export function extractJsonPosts(data: Json, pageUrl: string): ExtractedPost[] {
  const found = findPostArray(data);
  if (!found) return [];
  // The thread's title sits beside the posts array or one level down ({thread: {title}}).
  let threadTitle = found.owner ? oneLine(str(pick(found.owner, TITLE_KEYS))) : undefined;
  for (const v of Object.values(found.owner ?? {})) {
    if (threadTitle) break;
    if (isObj(v)) threadTitle = oneLine(str(pick(v, TITLE_KEYS)));
  }
  const posts: ExtractedPost[] = [];
  found.items.slice(0, 500).forEach((o, i) => {
    const body = bodyOf(o);
    if (!body) return;
    const floorRaw = Number(str(pick(o, FLOOR_KEYS)));
    const position = Number.isInteger(floorRaw) && floorRaw >= 1 ? floorRaw - 1 : i;
    const id = str(pick(o, ID_KEYS));
    posts.push({
      url: `${pageUrl.replace(/#.*$/, '')}#${id && /^[\w-]{1,64}$/.test(id) ? `post-${id}` : `floor-${position}`}`,
      authorHandle: authorOf(pick(o, AUTHOR_KEYS)),
      postedAt: timeOf(pick(o, TIME_KEYS)),
      title: oneLine(str(pick(o, TITLE_KEYS))) ?? (position === 0 ? threadTitle : undefined),
      body: body.slice(0, 50_000),
      images: urlsOf(pick(o, IMAGE_KEYS), pageUrl),
      links: urlsOf(pick(o, LINK_KEYS), pageUrl),
      position,
    });
  });
  if (posts.length === 1 && found.items.length === 1) posts[0]!.url = pageUrl.replace(/#.*$/, '');
  return posts;
}

/** "key: value" lines of a JSON value's leaves, for reveal responses that are not threads ({"phone": "…"}). */
export function jsonText(data: Json, max = 5000): string {
  const out: string[] = [];
  const stack: [string, Json][] = [['', data]];
  let size = 0;
  while (stack.length && size < max) {
    const [key, v] = stack.pop()!;
    if (typeof v === 'string' || typeof v === 'number') {
      // Numeric ids would read as contact digits; only text-valued leaves are kept.
      if (typeof v === 'number' && /(^|_)id$/i.test(key)) continue;
      const line = key ? `${key}: ${v}` : String(v);
      out.push(line);
      size += line.length;
    } else if (Array.isArray(v)) for (const item of v.slice(0, 200).reverse()) stack.push([key, item]);
    else if (isObj(v)) for (const [k, item] of Object.entries(v).slice(0, 200).reverse()) stack.push([k, item]);
  }
  return out.join('\n').slice(0, max);
}

/** Image paths inside a JSON value (a phone drawn as a bitmap), resolved against the page. */
export function jsonImages(data: Json, base: string): string[] {
  const out: string[] = [];
  const stack: Json[] = [data];
  let visited = 0;
  while (stack.length && visited++ < 5000) {
    const v = stack.pop();
    if (typeof v === 'string' && /\.(png|jpe?g|gif|webp|bmp)(\?|$)/i.test(v)) {
      const abs = absoluteUrl(v, base);
      if (abs) out.push(abs);
    } else if (Array.isArray(v)) stack.push(...v.slice(0, 200));
    else if (isObj(v)) stack.push(...Object.values(v).slice(0, 200));
  }
  return out.slice(0, 20);
}
