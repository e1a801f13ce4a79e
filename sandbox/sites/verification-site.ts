// Fake verification sites in four looks (platform copy, "national system", old table form, QR result
// page) and two honest provincial pages that send visitors to cx.mem.gov.cn: what the check must tell apart.
import { CERT_TYPES } from '../content/certificates.js';
import { escapeHtml, html, notFound, redirect, type Reply } from '../http/reply.js';
import type { SiteModule } from '../http/site-server.js';
import { Rng } from '../random.js';
import type { VerificationSitePlan } from '../verification-plan.js';
import type { World } from '../world.js';

const PLATFORM = '特种作业操作证及安全生产知识和管理能力考核合格信息查询';
const PROVINCES = ['湖南省', '河北省', '四川省', '江西省', '山西省', '广西壮族自治区'];

function doc(title: string, body: string): Reply {
  return html(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`);
}

/** Whatever number is typed in, the clone says the certificate is genuine. */
function confirmingResult(world: World, plan: VerificationSitePlan, no: string, name: string, heading: string): string {
  const rng = new Rng(world.seed, `vresult:${plan.k}:${no}`);
  const cert = rng.pick(CERT_TYPES);
  return `<div class="result"><h2>${escapeHtml(heading)}</h2><table class="result-table">
<tr><th>姓名</th><td>${escapeHtml(name || '张**')}</td></tr><tr><th>证号</th><td>${escapeHtml(no || 'T' + rng.digits(18))}</td></tr>
<tr><th>作业类别</th><td>${escapeHtml(cert.formal)}</td></tr><tr><th>准操项目</th><td>${escapeHtml(cert.names[0]!)}</td></tr>
<tr><th>发证机关</th><td>${escapeHtml(rng.pick(PROVINCES))}应急管理厅</td></tr><tr><th>初领日期</th><td>2025-0${rng.int(1, 9)}-1${rng.int(0, 9)}</td></tr>
<tr><th>有效期</th><td>2025-01-01 至 2031-01-01</td></tr><tr><th>状态</th><td class="ok">有效</td></tr></table>
<p class="note">该证书真实有效，可在全国范围内使用。</p></div>`;
}

function fakeSite(world: World, plan: VerificationSitePlan): (path: string, q: URLSearchParams) => Reply {
  const footer = '<div class="footer">主办单位：中华人民共和国应急管理部 政府网站标识码：bm95000001 京ICP备18033393号</div>';
  const no = (q: URLSearchParams) => (q.get('no') ?? q.get('zsbh') ?? q.get('sfz') ?? '').slice(0, 40);
  const name = (q: URLSearchParams) => (q.get('name') ?? q.get('xm') ?? '').slice(0, 20);
  switch (plan.look) {
    case 'cx-clone':
      return (path, q) => {
        if (path === '/') {
          return doc(PLATFORM, `<div class="header"><img src="/img/emblem.png" alt="国徽"><span class="title">${PLATFORM}</span></div>
<form class="query" action="/query" method="get"><p><label for="no">证件号码</label><input id="no" name="no" placeholder="请输入身份证号或证号"></p>
<p><label for="name">姓名</label><input id="name" name="name"></p><p><input type="submit" value="查询"></p></form>
<p class="example"><a href="/query?no=T110101199001011234&amp;name=%E5%BC%A0%E4%B8%89">查询示例</a></p>${footer}`);
        }
        if (path === '/query') return doc(`查询结果 - ${PLATFORM}`, `<div class="header"><span class="title">${PLATFORM}</span></div>${confirmingResult(world, plan, no(q), name(q), '查询结果')}${footer}`);
        return notFound();
      };
    case 'national-system':
      return (path, q) => {
        if (path === '/') return redirect('/index.html');
        if (path === '/index.html') {
          return doc('全国特种作业人员信息查询系统', `<div class="banner"><h1>全国特种作业人员信息查询系统</h1><p>国家安全生产考试 · 官方查询</p></div>
<div class="box"><form id="f" action="/api/verify" method="post"><input name="sfz" placeholder="请输入身份证号码"><input name="code" placeholder="验证码"><button type="submit">立即查询</button></form></div>
<ul class="notice"><li>本系统与应急管理部数据实时同步</li><li><a href="/result.html?sfz=110101199001011234">证书查验示例</a></li></ul>`);
        }
        if (path === '/result.html') return doc('查询结果 - 全国特种作业人员信息查询系统', `<h1>全国特种作业人员信息查询系统</h1>${confirmingResult(world, plan, no(q), name(q), '查询成功：证书真实有效')}`);
        return notFound();
      };
    case 'table-form':
      return (path, q) => {
        if (path === '/') return doc('证书服务', '<p><a href="/zscx/">应急管理部特种作业操作证查询平台</a></p>');
        if (path === '/zscx/' || path === '/zscx') {
          return doc('应急管理部特种作业操作证查询平台', `<table width="760" align="center"><tr><td class="head">应急管理部特种作业操作证查询平台</td></tr>
<tr><td><form name="cx" action="/zscx/result" method="get"><table><tr><td>证书编号：</td><td><input type="text" name="zsbh"></td></tr>
<tr><td>持证人姓名：</td><td><input type="text" name="xm"></td></tr><tr><td colspan="2"><input type="submit" value=" 查 询 "></td></tr></table></form></td></tr></table>`);
        }
        if (path === '/zscx/result') return doc('查询结果', `<table width="760" align="center"><tr><td class="head">应急管理部特种作业操作证查询平台</td></tr><tr><td>${confirmingResult(world, plan, no(q), name(q), '核验通过')}</td></tr></table>`);
        return notFound();
      };
    case 'result-first':
      // What a forged certificate's QR code opens: a result page straight away, any number "valid".
      return (path, q) => {
        if (path === '/' || path === '/v') return doc('证书查询结果 - 特种作业操作证查询中心', `<div class="top">特种作业操作证查询中心 · 全国联网查询</div>${confirmingResult(world, plan, no(q), name(q), '查询成功')}`);
        return notFound();
      };
    default:
      return () => notFound();
  }
}

function honestSite(world: World, plan: VerificationSitePlan): (path: string) => Reply {
  const province = new Rng(world.seed, `vprov:${plan.k}`).pick(PROVINCES);
  if (plan.look === 'province-guide') {
    return (path) => {
      if (path === '/') return doc(`${province}应急管理厅`, `<h1>${province}应急管理厅</h1><ul><li><a href="/tzzy/cx.html">特种作业操作证查询指南</a></li></ul>`);
      if (path === '/tzzy/cx.html') {
        return doc(`特种作业操作证查询指南 - ${province}应急管理厅`, `<h1>特种作业操作证查询指南</h1><div class="article"><p>特种作业操作证全国统一在应急管理部“${PLATFORM}”平台查询，网址 <a href="http://cx.mem.gov.cn/">cx.mem.gov.cn</a>，也可关注微信公众号“国家安全生产考试”扫描证书二维码查询。</p>
<p>本厅不提供其他查询网址。网上宣称“官网可查”的办证广告引导的查询网站均为仿冒网站，请勿轻信。</p></div>`);
      }
      return notFound();
    };
  }
  return (path) => {
    if (path === '/') {
      return doc(`${province}政务服务网 · 特种作业操作证查询`, `<h1>${province}政务服务网</h1><h2>特种作业操作证查询</h2>
<form action="https://cx.mem.gov.cn/cms-search/view/certQuery" method="get" target="_blank"><label>证件号码 <input name="idcard"></label><label>姓名 <input name="name"></label><button type="submit">前往应急管理部平台查询</button></form>
<p>查询结果以应急管理部“${PLATFORM}”平台为准。</p>`);
    }
    return notFound();
  };
}

export function verificationSite(world: World, plan: VerificationSitePlan): SiteModule {
  const fake = plan.fake ? fakeSite(world, plan) : undefined;
  const honest = plan.fake ? undefined : honestSite(world, plan);
  return {
    robots: () => 'User-agent: *\nAllow: /\n',
    acceptsPost: (path) => plan.look === 'national-system' && path === '/api/verify',
    handle: (req) => {
      if (plan.look === 'national-system' && req.path === '/api/verify') return redirect(`/result.html?sfz=${encodeURIComponent(new URLSearchParams(req.body).get('sfz') ?? '')}`);
      return fake ? fake(req.path, req.query) : honest!(req.path);
    },
  };
}
