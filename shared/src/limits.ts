// Every size and rate limit in one place, so the client can check what the server will enforce.

export const limits = {
  /** Bytes of JSON the HTTP API reads from one request. */
  jsonBodyBytes: 256 * 1024,
  emailChars: 254,
  displayNameChars: 80,
  organisationChars: 120,
  passwordMinChars: 10,
  /** argon2 hashes the first bytes only; refusing longer input avoids a hashing denial of service. */
  passwordMaxChars: 256,
  roomTitleChars: 140,
  roomPurposeChars: 4000,
  /** Invite lifetime bounds, in hours. */
  inviteMinHours: 1,
  inviteMaxHours: 24 * 30,
  inviteDefaultHours: 24 * 7,
  inviteMaxUses: 10_000,
  /** Login / register attempts per client address per window. */
  authAttemptsPerWindow: 20,
  authWindowMs: 60_000,
  /** Access token lifetime; refresh token lifetime. */
  accessTokenSeconds: 15 * 60,
  refreshTokenDays: 30,
  /** Page size bounds for listings. */
  pageSizeDefault: 50,
  pageSizeMax: 200,
} as const;
