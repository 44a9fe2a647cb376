// The JWT secret: from JWT_SECRET, or (embedded default) generated once and kept under the data folder.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

export async function resolveJwtSecret(props: {
  configured: string | undefined;
  dataDir: string;
  production: boolean;
}): Promise<string> {
  if (props.configured) return props.configured;
  if (props.production) {
    throw new Error(
      "JWT_SECRET: required in production (at least 32 characters), so sessions survive restarts of every instance",
    );
  }
  const file = path.join(props.dataDir, "jwt-secret");
  try {
    const existing = (await fs.readFile(file, "utf8")).trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await fs.mkdir(props.dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  // wx: if two processes start at once, the second reads what the first wrote instead of overwriting it.
  try {
    await fs.writeFile(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return (await fs.readFile(file, "utf8")).trim();
    throw error;
  }
}
