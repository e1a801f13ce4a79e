// URL layout of the item-based sites: how an item id becomes a thread/ad/question number
// and back. Site pages and the truth both use these, so they cannot drift apart.
export const BBS_BOARDS = [
  { fid: 2, name: '电工交流', certs: ['dgz-low', 'dgz-high', 'explosion-proof', 'build-elec'] },
  { fid: 36, name: '焊工天地', certs: ['welding', 'brazing'] },
  { fid: 41, name: '考证交流', certs: [] as string[] },
  { fid: 45, name: '求职招聘', certs: [] as string[] },
  { fid: 50, name: '灌水区', certs: [] as string[] },
] as const;

export const CLASSIFIED_CATS = [
  { slug: 'zhengshu', name: '证书/资质' },
  { slug: 'peixun', name: '职业培训' },
  { slug: 'zhaopin', name: '招聘' },
  { slug: 'fuwu', name: '商务服务' },
] as const;

export const OFFSETS = { bbs: 180000, tieba: 7100000000, classifieds: 43000000, qa: 500000, news: 10000, school: 100, jobs: 300000 } as const;
export type SpaceSite = keyof typeof OFFSETS;

export const PER_PAGE = { bbsList: 20, bbsFloors: 10, tiebaList: 50, tiebaFloors: 30, classifiedsList: 30, qaList: 20, newsList: 20, schoolList: 20, jobsList: 20 } as const;

export function itemPath(site: SpaceSite, id: number, opts: { page?: number; bucket?: number; vip?: boolean } = {}): string {
  const n = OFFSETS[site] + id;
  switch (site) {
    case 'bbs': return `/thread-${n}-${opts.page ?? 1}-1.html`;
    case 'tieba': return `/p/${n}`;
    case 'classifieds': return opts.vip ? `/vip/${n}x.shtml` : `/${CLASSIFIED_CATS[opts.bucket ?? 0]!.slug}/${n}x.shtml`;
    case 'qa': return `/question/${n}.html`;
    case 'news': return `/article/${n}.html`;
    case 'school': return `/course/${n}.html`;
    case 'jobs': return `/job/${n}.html`;
  }
}

/** The item id behind a public number, or null when the number is not ours. */
export function itemId(site: SpaceSite, publicNumber: string): number | null {
  if (!/^\d{1,12}$/.test(publicNumber)) return null;
  const id = Number(publicNumber) - OFFSETS[site];
  return id >= 1 ? id : null;
}
