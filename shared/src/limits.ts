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
  /** A coordinator's reason for declining a request to join. */
  joinRequestReasonChars: 500,
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
  /**
   * A rotated refresh token presented again within this window is two tabs refreshing at once, not a
   * theft: it gets a fresh token in the same family. Later, it revokes the family.
   */
  refreshReuseGraceMs: 10_000,
  /** Page size bounds for listings. */
  pageSizeDefault: 50,
  pageSizeMax: 200,
  /** Live deliberation (socket.io + Yjs). */
  proposalTitleChars: 200,
  proposalsPerRoom: 200,
  versionNameChars: 120,
  versionsPerProposal: 500,
  /** Bytes of one Yjs update a client may send; larger ones are refused with UPDATE_TOO_LARGE. */
  yjsUpdateBytes: 512 * 1024,
  /** Encoded state of one proposal document; an edit that would grow past it is refused (DOCUMENT_TOO_LARGE). */
  yjsDocumentBytes: 2 * 1024 * 1024,
  /** Bytes of one awareness (caret) update. */
  awarenessUpdateBytes: 16 * 1024,
  /** socket.io maxHttpBufferSize: above the update limit, so an oversized update gets an error ack, not a cut connection. */
  socketMessageBytes: 1024 * 1024 + 64 * 1024,
  /** Edits per second one socket may send (token bucket: this many per second, bursts up to the same). */
  editsPerSecond: 60,
  /** Awareness messages per second one socket may send; the excess is refused. */
  awarenessPerSecond: 30,
  /**
   * Log entries after which a proposal's update log is compacted into its snapshot. Each compaction reads
   * and rewrites the whole document; at 200, a busy proposal (50 editors) compacted almost every second.
   * A thousand one-keystroke entries still load in tens of milliseconds.
   */
  compactAfterUpdates: 1000,
  /** Bytes of update log after which it is compacted, however few the entries. */
  compactAfterLogBytes: 1024 * 1024,
  /** How long a document with no clients stays in memory before it is unloaded. */
  documentIdleUnloadMs: 5_000,
  /** Heartbeat: a silent client is dropped (and leaves presence) after interval + timeout. */
  socketPingIntervalMs: 5_000,
  socketPingTimeoutMs: 5_000,
  /**
   * How long a room's state in memory (settings and memberships, server/src/commands/roomStates.ts) is kept
   * once no socket of this process is in the room; the next need loads it again from the database.
   */
  roomStateIdleMs: 60_000,
  /**
   * How long a live socket's user, once read, is trusted without reading it again (server/src/commands/
   * activeUsers.ts): the bound on a ban or profile change whose event did not arrive.
   */
  activeUserMaxAgeMs: 60_000,
  /** Live connections one user may hold at once (tabs and devices, over every server process). */
  maxConnectionsPerUser: 20,
  /** Discussion: one chat message or comment, the quoted text of a comment's anchor, one page of history. */
  messageChars: 4000,
  /** Chat messages, comments, edits and deletions per second one socket may send (token bucket). */
  discussionWritesPerSecond: 5,
  anchorQuoteChars: 1000,
  discussionPageSize: 50,
} as const;

/** Motions: how long one may run, how long a ballot's reason and a correction note may be. */
export const motionLimits = {
  motionDefaultMinutes: 60,
  motionMaxMinutes: 60 * 24 * 30,
  ballotReasonChars: 2000,
  correctionNoteChars: 4000,
} as const;

/** Votes per second one socket may send (a burst of this many, refilled each second). */
export const votesPerSecond = 10;

/** Accountability: commitments, pledges, participation insight, review and exports. */
export const accountabilityLimits = {
  commitmentWhatChars: 1000,
  progressNoteChars: 2000,
  progressNotesPerCommitment: 200,
  commitmentsPerDecision: 200,
  pledgeUnitChars: 40,
  pledgeNoteChars: 1000,
  /** Largest quantity one pledge may carry (funds in rupiah included); quantities keep at most 2 decimals. */
  pledgeMaxQuantity: 1_000_000_000_000,
  pledgesPerRoom: 5000,
  /** Rows a listing, review or export reads at most; aggregates are computed in TypeScript over these. */
  accountabilityRowsMax: 5000,
  /** Activity documents of one kind the participation insight reads per room and period. */
  participationScanMax: 50_000,
  participationDefaultDays: 30,
  /** Longest period one participation query may span. */
  participationMaxDays: 366,
  /**
   * Symbolic participation (shared/src/rules/README.md, "Participation"): a sector is flagged when it made
   * fewer than this percentage of the acts its share of the writing members would give it. The room's
   * setting; 1–100 keeps the rule's two promises (in proportion: never flagged; did nothing: always).
   */
  quietDefaultPercent: 50,
  quietMinPercent: 1,
  quietMaxPercent: 100,
  /** A period is judged only with at least this many acts in the room (and one per writing member). */
  participationMinActs: 10,
  /** A pause this long or longer between one person's edits to one proposal starts a new editing session. */
  editSessionGapMinutes: 15,
  /** Editing sessions a proposal's snapshot keeps for the edits compaction merged (the newest ones). */
  editSessionsKeptPerProposal: 2000,
  reviewTextChars: 200,
} as const;

/** Polls: the highest score a score poll may allow, the most dots a dot poll may give each voter. */
export const pollLimits = {
  /** Scores run 0..maxScore; 100 covers a percentage, and bounds the per-score histogram. */
  maxScoreMax: 100,
  dotBudgetMax: 1000,
  titleChars: 200,
  optionLabelChars: 120,
  /** Options (or slots) of one poll: a ranked count is quadratic in them, and a ballot lists them all. */
  optionsMax: 20,
  /** A poll runs from a minute to 30 days, a day by default (as a motion). */
  maxMinutes: 60 * 24 * 30,
  defaultMinutes: 60 * 24,
} as const;

/** Opinion statements (issue 16): short enough to vote on at a glance, as Polis's 140 characters. */
export const opinionLimits = {
  statementChars: 140,
} as const;
