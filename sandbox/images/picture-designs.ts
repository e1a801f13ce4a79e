// The looks of the sandbox's drawn pictures as styled HTML: a contact drawn among Chinese ad
// text (varied fonts, colours, sizes, slight rotation), and contact-free logos and certificate samples.
import type { Contact } from '../contacts.js';
import { Rng } from '../random.js';

export interface PictureDesign {
  html: string;
  width: number;
  height: number;
  /** Pixel noise drawn over the picture (in the page, seeded): 0 none … 40 heavy. */
  noise: number;
  /** The text a reader should find (the drawn contact line), for tests' readers. */
  drawn: string;
}

const FONTS = ["'Noto Sans CJK SC'", "'Noto Serif CJK SC'", "'Noto Sans CJK SC' , sans-serif; font-weight: 700", "'Noto Serif CJK SC'; font-weight: 600", "'Noto Sans Mono CJK SC'"];
// [background, text, accent]: dark on light and light on dark, as ads are printed.
const PALETTES: ReadonlyArray<readonly [string, string, string]> = [
  ['#ffffff', '#222222', '#c0392b'],
  ['#fff8e1', '#3e2723', '#1a237e'],
  ['#e3f2fd', '#0d47a1', '#b71c1c'],
  ['#c62828', '#ffffff', '#ffeb3b'],
  ['#1b5e20', '#ffffff', '#ffffff'],
  ['#fafafa', '#424242', '#00695c'],
  ['#263238', '#eceff1', '#ffd54f'],
  ['#fce4ec', '#880e4f', '#4a148c'],
];
const HEADS = ['专业代办特种作业操作证', '电工证 焊工证 高处作业证', '全国联网 官网可查', '不用考试 包过拿证', '正规渠道 快速出证', '各类证书 加急办理'];
const TAILS = ['诚信经营 先办后付', '随时联系 24小时在线', '量大从优 欢迎咨询', '官网可查 假一赔十', '扫码或来电咨询', '当天受理 全国包邮'];

function groupedPhone(value: string, rng: Rng): string {
  return rng.pick([`${value.slice(0, 3)} ${value.slice(3, 7)} ${value.slice(7)}`, `${value.slice(0, 3)}-${value.slice(3, 7)}-${value.slice(7)}`, value]);
}

/** How the contact line reads: a cue and the value, as sellers print them. */
export function contactLine(c: Contact, rng: Rng): string {
  switch (c.kind) {
    case 'phone':
      return `${rng.pick(['电话：', '手机：', '联系电话 ', '咨询热线：', 'TEL：'])}${groupedPhone(c.value, rng)}`;
    case 'wechat':
      return `${rng.pick(['微信：', '微信号：', '加微信 ', 'V信：'])}${c.value}`;
    case 'qq':
      return `${rng.pick(['QQ：', 'QQ号：', '扣扣：'])}${c.value}`;
    default:
      return c.value;
  }
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// The sandbox's PRNG (sandbox/random.ts) in the page, so noise and photos are drawn by the browser,
// seeded, and no pixel work blocks the sandbox's servers.
const PAGE_RNG = `var s=SEED>>>0;function r(){s=(s+0x6D2B79F5)>>>0;var t=s;t=Math.imul(t^(t>>>15),t|1);t^=t+Math.imul(t^(t>>>7),t|61);return((t^(t>>>14))>>>0)/4294967296;}`;

function noiseScript(width: number, height: number, noise: number, seed: number): string {
  if (noise <= 0) return '';
  return `<canvas id="n" width="${width}" height="${height}" style="position:absolute;left:0;top:0"></canvas><script>(function(){${PAGE_RNG.replace('SEED', String(seed))}
var c=document.getElementById('n').getContext('2d'),im=c.createImageData(${width},${height}),d=im.data;
for(var i=0;i<d.length;i+=4){var v=r()<0.5?0:255;d[i]=d[i+1]=d[i+2]=v;d[i+3]=Math.floor(r()*${noise}*1.5);}
for(var k=0;k<${Math.round((width * height) / 900)};k++){var j=(Math.floor(r()*${height})*${width}+Math.floor(r()*${width}))*4;d[j]=d[j+1]=d[j+2]=r()<0.5?0:255;d[j+3]=255;}
c.putImageData(im,0,0);})();</script>`;
}

function frame(width: number, height: number, bg: string, inner: string, rotate: number, noise = 0, seed = 1): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:${bg};width:${width}px;height:${height}px;overflow:hidden;position:relative}
#c{width:${width}px;height:${height}px;display:flex;flex-direction:column;justify-content:center;align-items:center;gap:6px;transform:rotate(${rotate}deg)}</style></head>
<body><div id="c">${inner}</div>${noiseScript(width, height, noise, seed)}</body></html>`;
}

/** A photo-like picture with no text: smooth colour blobs and grain, drawn on a canvas. */
export function photoDesign(seed: number, key: string): PictureDesign {
  const rng = new Rng(seed, `photo:${key}`);
  const width = rng.int(280, 420);
  const height = rng.int(200, 300);
  const blobs = Array.from({ length: rng.int(3, 6) }, () => `[${rng.int(0, width)},${rng.int(0, height)},${rng.int(40, 160)},'rgb(${rng.int(0, 255)},${rng.int(0, 255)},${rng.int(0, 255)})']`).join(',');
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;overflow:hidden}</style></head><body>
<canvas id="p" width="${width}" height="${height}"></canvas><script>(function(){${PAGE_RNG.replace('SEED', String(rng.int(1, 2 ** 30)))}
var c=document.getElementById('p').getContext('2d'),g=c.createLinearGradient(0,0,0,${height});g.addColorStop(0,'rgb(90,110,140)');g.addColorStop(1,'rgb(170,110,80)');c.fillStyle=g;c.fillRect(0,0,${width},${height});
[${blobs}].forEach(function(b){var rg=c.createRadialGradient(b[0],b[1],0,b[0],b[1],b[2]);rg.addColorStop(0,b[3]);rg.addColorStop(1,'rgba(0,0,0,0)');c.fillStyle=rg;c.fillRect(0,0,${width},${height});});
var im=c.getImageData(0,0,${width},${height}),d=im.data;for(var i=0;i<d.length;i+=4){var n=(r()-0.5)*30;d[i]+=n;d[i+1]+=n;d[i+2]+=n;}c.putImageData(im,0,0);})();</script></body></html>`;
  return { html, width, height, noise: 0, drawn: '' };
}

/** A contact drawn among ad text; deterministic for (contact, seed, key). */
export function contactDesign(c: Contact, seed: number, key: string): PictureDesign {
  const rng = new Rng(seed, `picture:${key}`);
  const [bg, fg, accent] = rng.pick(PALETTES);
  const font = rng.pick(FONTS);
  const line = contactLine(c, rng);
  const size = rng.int(24, 34);
  const width = Math.max(360, Math.ceil(line.length * size * 0.75) + 60);
  const height = rng.int(170, 220);
  const rotate = (rng.int(-30, 30) / 10).toFixed(1);
  const inner = `<div style="font-family:${font};color:${fg};font-size:${rng.int(16, 20)}px">${esc(rng.pick(HEADS))}</div>
<div style="font-family:${font};color:${accent};font-size:${size}px;font-weight:bold;white-space:nowrap">${esc(line)}</div>
<div style="font-family:${font};color:${fg};font-size:${rng.int(14, 18)}px">${esc(rng.pick(TAILS))}</div>`;
  const noise = rng.int(0, 24);
  return { html: frame(width, height, bg, inner, Number(rotate), noise, rng.int(1, 2 ** 30)), width, height, noise, drawn: line };
}

export type NegativePictureKind = 'logo' | 'certificate' | 'photo';

/** A picture with no contact: a brand logo or a certificate sample full of identifiers. */
export function negativeDesign(kind: Exclude<NegativePictureKind, 'photo'>, seed: number, key: string, brand: string): PictureDesign {
  const rng = new Rng(seed, `negative:${key}`);
  const [bg, fg, accent] = rng.pick(PALETTES);
  const font = rng.pick(FONTS);
  if (kind === 'logo') {
    const inner = `<div style="width:120px;height:120px;border-radius:60px;border:6px solid ${accent};display:flex;align-items:center;justify-content:center;font-family:${font};font-size:40px;color:${accent}">${esc(brand.slice(0, 2))}</div>
<div style="font-family:${font};font-size:24px;color:${fg}">${esc(brand)}</div><div style="font-family:${font};font-size:14px;color:${fg};letter-spacing:3px">SAFETY TRAINING SINCE ${rng.int(1998, 2015)}</div>`;
    const noise = rng.int(0, 10);
    return { html: frame(320, 240, bg, inner, 0, noise, rng.int(1, 2 ** 30)), width: 320, height: 240, noise, drawn: '' };
  }
  const id = `${rng.pick(['110105', '320102', '440304', '510107'])}${rng.int(1965, 2000)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}${rng.digits(3)}${rng.pick(['1', '2', 'X'])}`;
  const rows: Array<[string, string]> = [
    ['姓　　名', rng.pick(['张伟', '李娜', '王强', '刘洋'])],
    ['性　　别', rng.pick(['男', '女'])],
    ['证　　号', `T${id}`],
    ['作业类别', rng.pick(['电工作业', '焊接与热切割作业', '高处作业'])],
    ['准操项目', rng.pick(['低压电工作业', '熔化焊接与热切割作业', '登高架设作业'])],
    ['初领日期', `${rng.int(2015, 2022)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`],
    ['有效期限', `${rng.int(2023, 2025)}-01-01 至 ${rng.int(2029, 2031)}-01-01`],
  ];
  const table = rows.map(([k, v]) => `<tr><td style="padding:2px 10px">${k}</td><td style="padding:2px 10px">${esc(v)}</td></tr>`).join('');
  const inner = `<div style="font-family:${font};font-size:22px;color:${accent};font-weight:bold">中华人民共和国特种作业操作证</div>
<table style="font-family:${font};font-size:16px;color:${fg}">${table}</table><div style="font-family:${font};font-size:14px;color:${accent}">样本 · 仅供参考</div>`;
  const noise = rng.int(0, 16);
  return { html: frame(460, 340, bg, inner, rng.int(-15, 15) / 10, noise, rng.int(1, 2 ** 30)), width: 460, height: 340, noise, drawn: '' };
}
