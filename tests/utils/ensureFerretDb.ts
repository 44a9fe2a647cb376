// `pnpm test`'s step "the embedded database": finds the FerretDB binary, or builds it once from the Go
// module proxy, before anything needs it. Building first, with its own progress lines, keeps the build
// (about 2 minutes idle, much longer on a busy machine) out of the schemathesis server's start-up wait and
// the vitest global setup. With MONGODB_URI set there is nothing to build.
import { executableSearchPath, loadEnv, locateOrBuildFerretDb, userCacheDir } from "@mufakat/server";

const env = loadEnv();
if (env.MONGODB_URI) {
  console.log("  MONGODB_URI is set: the tests use that server, no FerretDB needed");
} else {
  const binary = await locateOrBuildFerretDb({
    explicitBinary: env.FERRETDB_BIN,
    searchPath: executableSearchPath(),
    cacheDir: userCacheDir(),
    progress: (message) => console.log(`  ${message}`),
  });
  console.log(`  FerretDB: ${binary}`);
}
