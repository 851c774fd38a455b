// Every form of a token a leak might take, computed here independently of src/api/redact.ts, and a check that
// names the forms found in a text. Used by the token cases (28, 29).

export interface TokenForm {
  name: string;
  text: string;
}

/** Raw; base64 and URL-safe base64 at each of the three byte alignments; hex; percent; HTTP Basic. */
export function tokenForms(token: string): TokenForm[] {
  const bytes = Buffer.from(token, 'utf8');
  const forms: TokenForm[] = [{ name: 'raw', text: token }];
  for (let k = 0; k < 3; k++) {
    const b64 = Buffer.concat([Buffer.alloc(k, 0x41), bytes]).toString('base64');
    // Only the characters that depend on the token's bytes alone (Jenkins' Base64SecretPatternFactory).
    const core = b64.slice(Math.ceil((k * 8) / 6), Math.floor(((k + bytes.length) * 8) / 6));
    forms.push({ name: `base64@${k}`, text: core }, { name: `base64url@${k}`, text: core.replace(/\+/g, '-').replace(/\//g, '_') });
  }
  const hex = bytes.toString('hex');
  forms.push({ name: 'hex', text: hex }, { name: 'HEX', text: hex.toUpperCase() });
  forms.push({ name: 'percent', text: hex.replace(/../g, '%$&') });
  forms.push({ name: 'basic', text: Buffer.from(`${token}:`).toString('base64').slice(0, -4) });
  return forms;
}

/** Names of the forms of `token` in `text`, plus `fragment` when any 12 consecutive characters of the token are. */
export function tokenLeaks(text: string, token: string): string[] {
  const found = tokenForms(token).filter((f) => text.includes(f.text)).map((f) => f.name);
  for (let i = 0; i + 12 <= token.length; i++) {
    if (text.includes(token.slice(i, i + 12))) {
      found.push(`fragment@${i}`);
      break;
    }
  }
  return found;
}

/** Bodies a hostile or careless server might answer with, each echoing the token in one form. */
export function echoBodies(token: string): { name: string; body: string }[] {
  const b64 = Buffer.from(token).toString('base64');
  return [
    { name: 'raw in message', body: JSON.stringify({ message: `invalid token ${token}` }) },
    { name: 'base64 in message', body: JSON.stringify({ message: `Authorization: Basic ${Buffer.from(`${token}:`).toString('base64')}` }) },
    { name: 'base64 of the token', body: JSON.stringify({ message: `token=${b64}` }) },
    { name: 'hex', body: JSON.stringify({ message: `token hex ${Buffer.from(token).toString('hex')}` }) },
    { name: 'percent', body: JSON.stringify({ message: `url ?circle_token=${encodeURIComponent(token)}&x=1` }) },
    // The token straddles the point where a message is cut short: a prefix must not survive the cut.
    { name: 'at the cut', body: JSON.stringify({ message: `${'x'.repeat(140)}${token}` }) },
    { name: 'plain text', body: `denied for ${token}` },
  ];
}
