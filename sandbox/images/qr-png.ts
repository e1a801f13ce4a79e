// QR codes carrying a seller contact (微信:<id> or tel:<phone>), as sellers paste them
// into posts so that text scrapers see no contact at all.
import QRCode from 'qrcode';
import type { Contact } from '../contacts.js';

export function qrText(c: Contact): string {
  return c.kind === 'phone' ? `tel:${c.value}` : c.kind === 'wechat' ? `微信:${c.value}` : c.kind === 'qq' ? `QQ:${c.value}` : c.value;
}

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 4 });
}
