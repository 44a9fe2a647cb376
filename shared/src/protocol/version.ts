// The real-time protocol's version. A client sends its version in the handshake (`auth.protocolVersion`);
// the server refuses one older than minSupportedProtocolVersion or newer than protocolVersion with a named
// reason (closeCodes.ts), so an out-of-date tab tells its user to reload instead of failing strangely.

/**
 * The version this build speaks. Bump on any incompatible change to events or payloads.
 * 2: MessagePack frames (wire.ts); presence:update carries changes (rules/presence.ts), not the whole list.
 */
export const protocolVersion = 2;

/** The oldest client version the server still accepts. */
export const minSupportedProtocolVersion = 2;

export type ProtocolCompatibility = "ok" | "tooOld" | "tooNew";

export function protocolCompatibility(clientVersion: number): ProtocolCompatibility {
  if (clientVersion < minSupportedProtocolVersion) return "tooOld";
  if (clientVersion > protocolVersion) return "tooNew";
  return "ok";
}
