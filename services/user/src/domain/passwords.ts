import argon2 from 'argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Burns the same time as a real check, so a missing account cannot be told apart from a wrong password. */
  verifyNothing(password: string): Promise<false>;
}

// RFC 9106's second recommended option (64 MiB, 3 passes, 4 lanes): memory-hard enough to make GPU guessing
// costly while a sign-in still takes well under a second on a small container.
const options = { type: argon2.argon2id, memoryCost: 64 * 1024, timeCost: 3, parallelism: 4 } as const;

export function createPasswordHasher(): PasswordHasher {
  let decoy: Promise<string> | undefined;
  return {
    hash: (password) => argon2.hash(password, options),
    async verify(hash, password) {
      try {
        return await argon2.verify(hash, password);
      } catch {
        // A malformed stored hash must read as "wrong password", never as a 500 that reveals the account.
        return false;
      }
    },
    async verifyNothing(password) {
      decoy ??= argon2.hash(`decoy-${Math.random()}`, options);
      await argon2.verify(await decoy, password);
      return false;
    },
  };
}
