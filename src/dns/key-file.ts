/** A TSIG key as BIND's `tsig-keygen` writes it: `key "name" { algorithm hmac-sha256; secret "…"; };`. */
export interface KeyFileEntry {
  name: string;
  algorithm: string;
  secret: string;
}

/** Reads a BIND key file; a file holding only a base64 secret yields one entry with an empty name. */
export function parseKeyFile(text: string): KeyFileEntry[] {
  const out: KeyFileEntry[] = [];
  for (const m of text.matchAll(/key\s+"?([^"\s{]+)"?\s*\{([^}]*)\}/g)) {
    const body = m[2]!;
    const algorithm = /algorithm\s+"?([^";\s]+)"?\s*;/.exec(body)?.[1];
    const secret = /secret\s+"([^"]+)"\s*;/.exec(body)?.[1];
    if (algorithm && secret) out.push({ name: m[1]!, algorithm, secret });
  }
  const bare = text.trim();
  if (out.length === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(bare))
    out.push({ name: '', algorithm: '', secret: bare });
  return out;
}
