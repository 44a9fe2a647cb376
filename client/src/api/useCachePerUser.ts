// The cache holds one user's view of the server: when the signed-in user changes (log out, another log in,
// session lost), what the previous one read is dropped so no page shows it to the next.
import type { QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { getSessionState, subscribeToSession } from "./session.ts";

function currentUserId(): string | null {
  const session = getSessionState();
  return session.state === "signed-in" ? session.user.id : null;
}

export function useCachePerUser(queryClient: QueryClient): void {
  useEffect(() => {
    let userId = currentUserId();
    return subscribeToSession(() => {
      const next = currentUserId();
      if (next === userId) return;
      // "restoring" to the first user is not a change of user: nothing can have been read before it.
      if (userId !== null) queryClient.clear();
      userId = next;
    });
  }, [queryClient]);
}
