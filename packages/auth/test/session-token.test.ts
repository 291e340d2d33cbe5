import { describe, expect, it } from 'vitest';
import {
  createSessionSigner,
  createSessionVerifier,
  generateAuthKeyPair,
  type SessionUser,
} from '../src/session-token.js';

const customer: SessionUser = {
  id: 'user-1',
  email: 'ada@example.test',
  name: 'Ada',
  role: 'customer',
  sessionId: 'session-1',
};

async function keys() {
  const pair = await generateAuthKeyPair();
  return { signer: createSessionSigner(pair.privateKey), verifier: createSessionVerifier(pair.publicKey) };
}

describe('session tokens', () => {
  it('when a signed token is verified twice, both times answer the same visitor, each a copy of its own', async () => {
    const { signer, verifier } = await keys();
    const token = await signer.sign(customer);

    const first = await verifier.verify(token);
    first!.role = 'admin';
    const second = await verifier.verify(token);

    expect(second).toEqual(customer);
  });

  it('when a token verified before has expired since, it is refused', async () => {
    const { signer, verifier } = await keys();
    const token = await signer.sign(customer, 1);
    expect(await verifier.verify(token)).toEqual(customer);

    await new Promise((resolve) => setTimeout(resolve, 1100));

    expect(await verifier.verify(token)).toBeNull();
  });

  it('when a verified token is changed by one character, or signed by another key, it is refused', async () => {
    const { signer, verifier } = await keys();
    const token = await signer.sign(customer);
    await verifier.verify(token);
    const other = await keys();

    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;

    expect(await verifier.verify(tampered)).toBeNull();
    expect(await verifier.verify(await other.signer.sign(customer))).toBeNull();
  });
});
