// After a delegation is given or taken back: the room's delegation lists and how the viewer's vote stands on
// every motion are read again (a room-wide change reaches every open motion).
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { queryKeys } from "../../api/queryKeys.ts";

export function useDelegationChanged(roomId: string): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.myDelegations(roomId) }),
      queryClient.invalidateQueries({ queryKey: ["motion"] }),
    ]);
  }, [queryClient, roomId]);
}
