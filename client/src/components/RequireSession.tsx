// Guards pages that need a signed-in user: waits for the session to be restored, else sends to login and back.
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useSession } from "../api/useSession.ts";
import { loginPathFor } from "../features/auth/returnPath.ts";
import { Loading } from "./Loading.tsx";

export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  switch (session.state) {
    case "restoring":
      return <Loading />;
    case "anonymous":
      return <Navigate to={loginPathFor(location.pathname + location.search)} replace />;
    case "signed-in":
      return children;
  }
}
