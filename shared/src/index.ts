// The contract both server and client build on. Nothing here may import from server/ or client/.
export * from "./errors.ts";
export * from "./limits.ts";
export * from "./schemas/user.ts";
export * from "./schemas/room.ts";
export * from "./schemas/motion.ts";
export type { Fraction } from "./rules/fraction.ts";
export * from "./rules/quorum.ts";
export * from "./rules/sectorBalance.ts";
export * from "./rules/organisationBalance.ts";
export * from "./rules/tally.ts";
export * from "./schemas/proposal.ts";
export * from "./protocol/index.ts";
export * from "./schemas/decision.ts";
export * from "./schemas/discussion.ts";
export * from "./rules/mentions.ts";
export * from "./protocol/discussion.ts";
