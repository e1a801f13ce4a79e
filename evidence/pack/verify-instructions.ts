// VERIFY.md: how anyone can check a pack with sha256sum and openssl alone, without
// trusting certwatch — in Chinese for the receiving office, with the English version after it.
export function verifyInstructions(opts: { fingerprint: string; sellerId: number }): string {
  return `${verifyInstructionsZh(opts)}\n---\n\n${verifyInstructionsEn(opts)}`;
}

function verifyInstructionsZh(opts: { fingerprint: string; sellerId: number }): string {
  return `# 证据包校验说明

本证据包（卖家线索编号 ${opts.sellerId}）由 certwatch 生成。包内每个文件都列在
\`manifest.json\` 中，并给出大小、SHA-256 与 SM3 校验值；\`manifest.json\` 本身用
Ed25519 签名（分离签名文件 \`manifest.json.sig\`）。

签名公钥指纹（DER 公钥的 SHA-256）：

    ${opts.fingerprint}

请通过电话、公函等其他渠道向发送单位核对该指纹：签名只能证明证据包自该密钥持有人签名后未被改动。

## 一、解压

    mkdir pack && cd pack && unzip ../PACK.zip

## 二、核对每个文件的 SHA-256

    sha256sum -c SHA256SUMS

每一行都应显示 \`OK\`。再确认没有多出文件：\`SHA256SUMS\` 列出的文件应与目录中的文件
（\`SHA256SUMS\` 本身除外）完全一致：

    find . -type f ! -name SHA256SUMS | sed 's|^\\./||' | sort > /tmp/present
    sed 's/^[0-9a-f]*  //' SHA256SUMS | sort > /tmp/listed
    diff /tmp/present /tmp/listed && echo "file list OK"

## 三、验证 manifest.json 的签名（OpenSSL 3.0 及以上）

    openssl pkey -pubin -in signing-key.pub.pem -outform DER | sha256sum
    openssl pkeyutl -verify -pubin -inkey signing-key.pub.pem -rawin \\
        -in manifest.json -sigfile manifest.json.sig

第一条命令输出上面的指纹（不含冒号）；第二条命令应输出 \`Signature Verified Successfully\`。

## 四、SM3（GB/T 32905）

\`manifest.json\` 还给出每个文件的 SM3 校验值：

    openssl dgst -sm3 captures/L*/C*/*

## 五、保管链记录

\`custody-log.jsonl\` 每行一个 JSON 对象。每行的 \`hash\` 是以下内容的 SHA-256：上一行的
\`hash\`（第一行为 64 个 0）、一个换行符、本行去掉 \`prev_hash\` 和 \`hash\` 后的规范化 JSON
（键排序、无空格）。删除、修改或调换任何一行都会使链条断开。\`audit_id\`/\`audit_hash\` 指向发送单位
审计日志中的同一条记录。记录中的时间为 UTC；笔录（report.pdf）中显示为本地时间。

## 六、一次完成全部校验

安装 certwatch 后：\`certwatch verify PACK.zip\` 检查以上全部内容（校验值、文件清单、保管链和签名），
全部通过时才以 0 退出。

## 证据包内容

- \`manifest.json\` — 规范化 JSON：线索、联系方式、帖子、取证记录、每个文件（路径、大小、媒体类型、
  SHA-256、SM3、类别、派生自）、工具版本及取证局限。
- \`captures/L<帖子>/C<取证次序>/\` — 每次取证：全页截图、加注网址与时间的截图、服务器原始响应 HTML、
  渲染后 DOM、MHTML、网页 HTTP 通信的 WARC 记录、取证元数据（JSON）。
- \`report/report.pdf\`、\`report/report.html\` — 电子数据提取笔录及电子数据清单（含帖子摘录、联系方式与截图缩略图）。
- \`report/items.xlsx\` — 电子数据清单表格（首行冻结、可筛选、本地时间）。
- \`custody-log.jsonl\` — 保管链记录。
`;
}

function verifyInstructionsEn(opts: { fingerprint: string; sellerId: number }): string {
  return `# How to verify this evidence pack

This pack (seller lead ${opts.sellerId}) was made by certwatch. Every file in it is
listed in \`manifest.json\` with its size, SHA-256 and SM3 hash, and
\`manifest.json\` is signed with Ed25519 (\`manifest.json.sig\`, detached).

Public key fingerprint (SHA-256 of the DER public key):

    ${opts.fingerprint}

Confirm this fingerprint with the office that sent the pack by a separate
channel (phone, letter): the signature only proves the pack is unchanged since
the holder of that key signed it.

## 1. Unpack

    mkdir pack && cd pack && unzip ../PACK.zip

## 2. Check every file's SHA-256

    sha256sum -c SHA256SUMS

Every line must say \`OK\`. Also check nothing was added: the files listed in
\`SHA256SUMS\` must be exactly the files in the folder (apart from
\`SHA256SUMS\` itself):

    find . -type f ! -name SHA256SUMS | sed 's|^\\./||' | sort > /tmp/present
    sed 's/^[0-9a-f]*  //' SHA256SUMS | sort > /tmp/listed
    diff /tmp/present /tmp/listed && echo "file list OK"

## 3. Check the signature on manifest.json (OpenSSL 3.0 or later)

    openssl pkey -pubin -in signing-key.pub.pem -outform DER | sha256sum
    openssl pkeyutl -verify -pubin -inkey signing-key.pub.pem -rawin \\
        -in manifest.json -sigfile manifest.json.sig

The first command prints the fingerprint above (without colons); the second
must print \`Signature Verified Successfully\`.

## 4. SM3 (GB/T 32905)

\`manifest.json\` also gives each file's SM3 hash:

    openssl dgst -sm3 captures/L*/C*/*

## 5. The custody log

\`custody-log.jsonl\` has one JSON object per line. Each line's \`hash\` is the
SHA-256 of the previous line's \`hash\` (64 zeros for the first line), a
newline, and the canonical JSON (sorted keys, no spaces) of the line without
its \`prev_hash\` and \`hash\` fields. A removed, edited or reordered line breaks
the chain. \`audit_id\`/\`audit_hash\` point at the same entry in the sending
office's audit log.

## 6. All at once

With certwatch installed: \`certwatch verify PACK.zip\` checks all of the above
(hashes, the file list, the custody chain and the signature) and exits 0 only
when everything holds.

## What is in the pack

- \`manifest.json\` — canonical JSON: the lead, its contacts, listings, captures,
  every file (path, size, media type, SHA-256, SM3, role, derived from),
  tool versions and the limitations of the capture.
- \`captures/L<listing>/C<capture>/\` — per capture: full-page screenshot, the
  same with a banner of URL and UTC time, HTML as served, rendered DOM, MHTML,
  a WARC of the page's HTTP exchanges, and capture metadata (JSON).
- \`report/report.pdf\`, \`report/report.html\` — 电子数据提取笔录 with its 电子数据清单.
- \`report/items.xlsx\` — the item list as a spreadsheet.
- \`custody-log.jsonl\` — the chain of custody.
`;
}
