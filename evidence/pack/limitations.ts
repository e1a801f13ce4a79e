// What a capture and a pack cannot show, written down once in English (manifest) and
// Chinese (report), so a referral never claims more than the evidence holds.
export interface Limitation {
  en: string;
  zh: string;
}

export const LIMITATIONS: Limitation[] = [
  {
    en: 'Pages were captured as served to certwatch\'s browser (its user agent, network address and no login); other visitors, regions or logged-in users may have been shown different content.',
    zh: '网页按 certwatch 浏览器访问时服务器返回的内容固定（特定用户代理、网络地址、未登录）；其他访问者、地区或登录用户看到的内容可能不同。',
  },
  {
    en: 'Times come from the capturing machine\'s clock (UTC); no trusted timestamping authority (RFC 3161) was used.',
    zh: '时间取自提取计算机的系统时钟（UTC），未使用可信时间戳服务（RFC 3161）。',
  },
  {
    en: 'Response bodies (the served HTML and the WARC) are the bytes the server sent with HTTP compression (gzip, br) removed, in the page\'s own charset; Content-Encoding, Transfer-Encoding and Content-Length are kept as X-Archive-Orig-* headers. Where the raw bytes could not be taken, capture.json counts the bodies that are the browser\'s UTF-8 text instead.',
    zh: '响应正文（服务器原始 HTML 及 WARC）为服务器发送的字节，仅去除 HTTP 压缩（gzip、br），保持网页原有字符编码；原 Content-Encoding、Transfer-Encoding、Content-Length 头以 X-Archive-Orig-* 形式保留。个别无法取得原始字节的正文改存浏览器的 UTF-8 文本，数量载于 capture.json。',
  },
  {
    en: 'Screenshots taller than the recorded cut height are cut there, and resources over the size caps are listed without bodies; capture.json of each capture says where this happened.',
    zh: '超过限定高度的截图在该高度截断，超过大小上限的资源只记录请求与响应头；各次提取的 capture.json 载明具体情况。',
  },
  {
    en: 'No screen video of the extraction was recorded; the extraction steps are recorded in capture.json and the custody log.',
    zh: '提取过程未录像；提取步骤记录于 capture.json 与保管链日志。',
  },
  {
    en: 'Contacts were extracted automatically and listings were linked to this seller because they share contacts; both are leads to be checked, not findings.',
    zh: '联系方式为程序自动提取，帖子因共享联系方式而归并到同一卖家；二者均为待核实的线索，而非认定结论。',
  },
  {
    en: 'The signature shows the pack is unchanged since it was signed with the key whose fingerprint is given; confirm that fingerprint with the issuing office by a separate channel.',
    zh: '签名只能证明本包自签名后未被改动；请通过其他渠道向出具单位核对公钥指纹。',
  },
  {
    en: 'Failed capture attempts are listed with their error and have no files.',
    zh: '失败的提取尝试仅列出错误信息，没有对应文件。',
  },
];
