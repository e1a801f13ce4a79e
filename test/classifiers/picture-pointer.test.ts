// Posts that send the reader to a picture for the contact, in the ways sellers write it, and
// posts that mention pictures without pointing there.
import { describe, expect, it } from 'vitest';
import { pointsToPicture } from '../../classifiers/index.js';

describe('pointsToPicture', () => {
  it.each(['联系方式看图片', '电话见下图', '号码在图上👇', '扫描下方二维码咨询', '↓↓扫码↓↓', '聯繫方式見圖', '掃碼加我', '详情如图'])('reads %s as pointing to a picture', (t) => {
    expect(pointsToPicture(t)).toBe(true);
  });
  it.each(['电工证怎么考？', '考试地图在哪里下载', '图书馆开放时间', '附件是我拍的照片', '加微信 abc12345'])('does not read %s as pointing to a picture', (t) => {
    expect(pointsToPicture(t)).toBe(false);
  });
});
