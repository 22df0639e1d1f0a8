import { canonicalJson, contentHash, sign, verify } from './referral-signature';

describe('referral signature', () => {
  const secret = 'partner-secret';
  const body = '{"referralId":"r1","status":"accepted"}';

  it('matches the documented example', () => {
    // docs/referrals.md, "Signature": same inputs, same output.
    expect(sign('s3cr3t', 1780000000, '{"hello":"world"}')).toBe(
      'v1=0278838f4c2941cb4f1b5d24d035eaaa5828d8c0b922d44aacd0a4bb669d1fa8',
    );
  });

  it('verifies a fresh signature and refuses tampering', () => {
    const ts = 1_780_000_000;
    const sig = sign(secret, ts, body);
    expect(verify(secret, { timestamp: String(ts), signature: sig }, body, ts + 10)).toBeNull();
    expect(
      verify(secret, { timestamp: String(ts), signature: sig }, body.replace('accepted', 'rejected'), ts),
    ).toBe('mismatch');
    expect(verify('other', { timestamp: String(ts), signature: sig }, body, ts)).toBe('mismatch');
  });

  it('refuses stale, future, missing and malformed headers', () => {
    const ts = 1_780_000_000;
    const sig = sign(secret, ts, body);
    expect(verify(secret, { timestamp: String(ts), signature: sig }, body, ts + 301)).toBe('stale');
    expect(verify(secret, { timestamp: String(ts), signature: sig }, body, ts - 60)).toBe('future');
    expect(verify(secret, { timestamp: String(ts) }, body, ts)).toBe('missing');
    expect(verify(secret, { timestamp: 'yesterday', signature: sig }, body, ts)).toBe('malformed');
    expect(verify(secret, { timestamp: String(ts), signature: 'sha1=abc' }, body, ts)).toBe('malformed');
  });

  it('hashes content canonically, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: null } })).toBe('{"a":{"c":null,"d":[1,2]},"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
  });
});
