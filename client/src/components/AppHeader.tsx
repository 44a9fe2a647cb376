// The header on every page: app name, navigation for a signed-in user, language switch, log out.
import { Link, NavLink, useNavigate } from "react-router";
import { logout } from "../api/endpoints.ts";
import { useSession } from "../api/useSession.ts";
import { useT } from "../i18n/I18nProvider.tsx";
import { SectorBadge } from "./Badges.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";

export function AppHeader() {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();

  async function logOut() {
    try {
      await logout();
    } finally {
      await navigate("/login");
    }
  }

  return (
    // data-session lets the phone layout keep the signed-in rows while a session is being restored, so the
    // page does not move down when the user's name and the menu arrive.
    <header className="app-header" data-session={session.state}>
      <Link to="/" className="brand" data-testid="brand">
        {t("app.name")}
        <small>{t("app.tagline")}</small>
      </Link>
      {session.state !== "anonymous" && (
        <nav aria-label={t("nav.main")}>
          <NavLink to="/rooms" end data-testid="nav-my-rooms">
            {t("nav.myRooms")}
          </NavLink>
          <NavLink to="/rooms/open" data-testid="nav-directory">
            {t("nav.directory")}
          </NavLink>
          <NavLink to="/rooms/new" data-testid="nav-create-room">
            {t("nav.createRoom")}
          </NavLink>
          <NavLink to="/review" data-testid="nav-review">
            {t("nav.review")}
          </NavLink>
        </nav>
      )}
      <div className="header-tools">
        <LanguageSwitch />
        {session.state === "signed-in" && (
          <>
            <span className="current-user" data-testid="current-user">
              {session.user.displayName} <SectorBadge sector={session.user.sector} />
            </span>
            <button type="button" className="button-quiet" data-testid="logout" onClick={() => void logOut()}>
              {t("nav.logout")}
            </button>
          </>
        )}
      </div>
    </header>
  );
}
