// Whether a post says its way of contact is in a picture ("联系方式看图片", "号码在图上", "扫码加我"):
// such a post's pictures are worth reading even when its text names no certificate we know.
const POINTER = /(?:看|见|見|在|如)下?(?:图|圖)|(?:图|圖)(?:片)?(?:上|中|里|裡)|扫(?:码|碼|一扫|描)|掃(?:码|碼|一掃|描)|二维码|二維碼/;

/** True when the text points the reader to a picture or a QR code for the contact. */
export function pointsToPicture(text: string): boolean {
  return POINTER.test(text);
}
