import { randomBytes } from 'node:crypto';
import { SecretBox, SecretKeyMissingError } from './secret-box';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('hex');
const address = 'https://prod-12.westeurope.logic.azure.com/workflows/5f1e/triggers/manual/paths/invoke?sig=Qx7abcd';

describe('sealing webhook addresses', () => {
  it('seals with a fresh nonce each time and opens what it sealed; the sealed value holds nothing of the address', () => {
    const box = new SecretBox(keyA);
    const [one, two] = [box.seal(address), box.seal(address)];
    expect(one.ciphertext).not.toBe(two.ciphertext);
    expect(box.open(one)).toBe(address);
    expect(JSON.stringify(one)).not.toMatch(/logic\.azure|Qx7abcd/);
  });

  it('opens values sealed under a retired key while it is still given, and says which key is missing once it is not', () => {
    const sealedUnderA = new SecretBox(keyA).seal(address);
    const rotated = new SecretBox(keyB, [keyA]);
    expect(rotated.open(sealedUnderA)).toBe(address);
    expect(rotated.seal(address).keyId).toBe(rotated.currentKeyId);
    expect(rotated.currentKeyId).not.toBe(sealedUnderA.keyId);
    expect(() => new SecretBox(keyB).open(sealedUnderA)).toThrow(SecretKeyMissingError);
    expect(() => new SecretBox(keyB).open(sealedUnderA)).toThrow(sealedUnderA.keyId);
  });

  it('refuses a value changed after sealing (GCM authenticates it)', () => {
    const box = new SecretBox(keyA);
    const sealed = box.seal(address);
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[0] ^= 1;
    expect(() => box.open({ ...sealed, ciphertext: bytes.toString('base64') })).toThrow();
  });

  it('refuses a key that is not 32 bytes, without repeating it', () => {
    expect(() => new SecretBox('hunter2')).toThrow('NOTIFY_SECRET_KEY: must be 32 bytes');
    expect(() => new SecretBox('hunter2')).not.toThrow(/hunter2/);
  });
});
