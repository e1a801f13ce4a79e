// Names the thread a post belongs to across its pages, so an ad on page 1 and its
// author's contact reply on page 2 are recognisably the same conversation.
const PAGE_PARAMS = new Set(['page', 'pn', 'p', 'pg', 'extra', 'from', 'spm']);

export function threadKeyOf(postUrl: string): string {
  let u: URL;
  try {
    u = new URL(postUrl);
  } catch {
    return postUrl.split('#')[0]!;
  }
  u.hash = '';
  const discuz = /^\/thread-(\d+)-\d+-\d+\.html$/.exec(u.pathname);
  if (discuz) return `${u.host}/thread-${discuz[1]}`;
  const tid = u.searchParams.get('tid');
  if (u.pathname.endsWith('forum.php') && u.searchParams.get('mod') === 'viewthread' && tid) return `${u.host}/thread-${tid}`;
  const tieba = /^\/p\/(\d+)/.exec(u.pathname);
  if (tieba) return `${u.host}/p/${tieba[1]}`;
  for (const k of [...u.searchParams.keys()]) if (PAGE_PARAMS.has(k.toLowerCase())) u.searchParams.delete(k);
  return `${u.host}${u.pathname.replace(/\/pn\d+\/?$/, '/')}${u.search}`;
}
