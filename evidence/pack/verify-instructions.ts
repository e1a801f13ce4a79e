// VERIFY.md: how anyone can check a pack with sha256sum and openssl alone, without
// trusting certwatch.
export function verifyInstructions(opts: { fingerprint: string; sellerId: number }): string {
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
