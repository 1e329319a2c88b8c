import { useEffect } from 'react';
import { NotFound } from '../pages/NotFound';
import { RunningNotice } from '../profile/RunningNotice';
import { ChunkBoundary } from '../ui/ChunkBoundary';
import { Link } from '../ui/Link';
import { matchPath, navigate, useLocation } from '../ui/router';
import { routes } from './routes';
import { StatusBar } from './StatusBar';
import { useTheme } from '../ui/theme';

export function Shell() {
  const { pathname } = useLocation();
  const [theme, toggleTheme] = useTheme();

  useEffect(() => {
    if (pathname === '/') navigate('/profile', { replace: true });
  }, [pathname]);

  let page: React.ReactNode = null;
  for (const r of routes) {
    const params = matchPath(r.path, pathname);
    if (params) {
      page = r.render(params);
      break;
    }
  }
  if (!page && pathname !== '/') page = <NotFound path={pathname} />;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <Link to="/profile" className="brand" aria-label="Gatherscope home">
          <svg width="22" height="22" viewBox="0 0 16 16" aria-hidden="true">
            <rect x="1" y="3" width="9" height="3" fill="var(--c-blue)" />
            <rect x="4" y="8" width="11" height="3" fill="var(--c-orange)" />
          </svg>
          Gatherscope
        </Link>
        <nav aria-label="Main">
          <ul>
            {routes
              .filter((r) => r.nav)
              .map((r) => (
                <li key={r.path}>
                  <Link to={r.path} aria-current={pathname.startsWith(r.path) ? 'page' : undefined}>
                    {r.nav}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        {/* A toggle keeps its name: aria-pressed says whether the dark theme is on. */}
        <button type="button" className="theme-toggle" onClick={toggleTheme} aria-pressed={theme === 'dark'}>
          {/* Seen, not read: the switch shows the pressed state, aria-pressed announces it. */}
          <span className="theme-switch" aria-hidden="true" />
          Dark theme
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <RunningNotice />
        {/* Keyed by path: a page that failed to download does not keep its error on the next page. */}
        <ChunkBoundary key={pathname} what="the page">
          {page}
        </ChunkBoundary>
      </main>
      <StatusBar />
    </div>
  );
}
