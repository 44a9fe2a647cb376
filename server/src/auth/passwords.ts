// Password hashing with argon2id (OWASP's recommended parameters).
import { hash, verify } from "@node-rs/argon2";

const argon2id = 2;
const parameters = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, parameters);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash verifies nothing; it must not turn into a 500 at login.
    return false;
  }
}

/**
 * A hash of a random password nobody kept, made with `parameters`: verified against when the email is
 * unknown so both paths take as long. A constant, not computed lazily, so no process-wide state holds it.
 */
const decoyHash = "$argon2id$v=19$m=19456,t=2,p=1$ub4PGkqgg0CiapfNkcHSHA$Bn3LM1qZGlmb6JWoKnTHy++QrSAHD+mXSGKw9H5b95Q";

export function decoyPasswordHash(): Promise<string> {
  return Promise.resolve(decoyHash);
}
