// The app shell: the server-state cache, language, session restore at start, header and the routes.
import { QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, Suspense, lazy, useEffect, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { ApiError } from "./api/ApiError.ts";
import { refreshSession } from "./api/http.ts";
import { createQueryClient } from "./api/queryClient.ts";
import { endSession, hasSessionHint, resumeOffline } from "./api/session.ts";
import { useCachePerUser } from "./api/useCachePerUser.ts";
import { AppHeader } from "./components/AppHeader.tsx";
import { mainContentId, useFocusOnNavigation } from "./components/focusOnArrival.ts";
import { Loading } from "./components/Loading.tsx";
import { NotFoundPage } from "./components/NotFoundPage.tsx";
import { RequireSession } from "./components/RequireSession.tsx";
import { SkipLink } from "./components/SkipLink.tsx";
import { LoginPage } from "./features/auth/LoginPage.tsx";
import { I18nProvider } from "./i18n/I18nProvider.tsx";

// Every page but sign-in loads on first visit, so the first load carries neither the live layer (Yjs,
// socket.io) nor the editor, the charts or the QR code. Pages with charts load the chart library then too.
const RegisterPage = lazy(() => import("./features/auth/RegisterPage.tsx").then((m) => ({ default: m.RegisterPage })));
const InviteJoinPage = lazy(() =>
  import("./features/invites/InviteJoinPage.tsx").then((m) => ({ default: m.InviteJoinPage })),
);
const CreateRoomPage = lazy(() =>
  import("./features/rooms/CreateRoomPage.tsx").then((m) => ({ default: m.CreateRoomPage })),
);
const MyRoomsPage = lazy(() => import("./features/rooms/MyRoomsPage.tsx").then((m) => ({ default: m.MyRoomsPage })));
const RoomDirectoryPage = lazy(() =>
  import("./features/rooms/RoomDirectoryPage.tsx").then((m) => ({ default: m.RoomDirectoryPage })),
);
const RoomPage = lazy(() => import("./features/rooms/RoomPage.tsx").then((m) => ({ default: m.RoomPage })));
const ReviewPage = lazy(() => import("./features/review/ReviewPage.tsx").then((m) => ({ default: m.ReviewPage })));
const RoomReportPage = lazy(() =>
  import("./features/report/RoomReportPage.tsx").then((m) => ({ default: m.RoomReportPage })),
);

/**
 * The refresh cookie is httpOnly: asking the server is the only way to learn whether a session survives.
 * The server sets a readable hint cookie beside it (and clears both together), so an anonymous visit
 * starts signed out without asking, and without a 401 in the console.
 */
function useRestoreSession(): void {
  useEffect(() => {
    if (!hasSessionHint()) {
      endSession();
      return;
    }
    const restore = () =>
      refreshSession().catch((error: unknown) => {
        // 401: nobody is signed in (refreshSession already recorded that). No network: the last user
        // goes on offline, and the session is refreshed when the network is back. Anything else (server
        // unreachable): start signed out too, and say why in the console.
        if (error instanceof ApiError && error.status === 401) return;
        if (error instanceof ApiError && error.code === "NETWORK_ERROR" && resumeOffline()) {
          window.addEventListener("online", () => void restore(), { once: true });
          return;
        }
        console.warn("could not restore the session", error);
        endSession();
      });
    void restore();
  }, []);
}

export function App() {
  useRestoreSession();
  const [queryClient] = useState(createQueryClient);
  useCachePerUser(queryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <BrowserRouter>
          <SkipLink />
          <AppHeader />
          <RoutedContent>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/" element={<Navigate to="/rooms" replace />} />
                <Route path="/login" element={<LoginPage />} />
                <Route path="/register" element={<RegisterPage />} />
                <Route path="/rooms" element={<Guarded page={<MyRoomsPage />} />} />
                <Route path="/rooms/open" element={<Guarded page={<RoomDirectoryPage />} />} />
                <Route path="/rooms/new" element={<Guarded page={<CreateRoomPage />} />} />
                <Route path="/rooms/:roomId" element={<Guarded page={<RoomPage />} />} />
                <Route path="/rooms/:roomId/proposals/:proposalId" element={<Guarded page={<RoomPage />} />} />
                <Route path="/rooms/:roomId/report" element={<Guarded page={<Lazy page={<RoomReportPage />} />} />} />
                <Route path="/review" element={<Guarded page={<Lazy page={<ReviewPage />} />} />} />
                <Route path="/invite/:token" element={<Guarded page={<InviteJoinPage />} />} />
                <Route path="*" element={<NotFoundPage />} />
              </Routes>
            </Suspense>
          </RoutedContent>
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  );
}

/** The routed page, where the skip link leads and focus goes after a route change. */
function RoutedContent({ children }: { children: ReactNode }) {
  useFocusOnNavigation();
  return (
    <div id={mainContentId} className="main-content" tabIndex={-1}>
      {children}
    </div>
  );
}

function Guarded({ page }: { page: ReactNode }) {
  return <RequireSession>{page}</RequireSession>;
}

function Lazy({ page }: { page: ReactNode }) {
  return <Suspense fallback={<Loading />}>{page}</Suspense>;
}
