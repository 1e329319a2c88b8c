import { type ReactNode, useEffect, useState } from 'react';
import type { Theme } from '../ui/theme';

/**
 * The page of every HTML export (a run's, a load test's): its title, what was measured where, a
 * theme switch, and the footer saying the file works offline.
 */
export function ExportPage({
  title,
  about,
  initialTheme,
  children,
}: {
  title: string;
  /** The line under the title: database, date, settings, status. */
  about: ReactNode;
  initialTheme: Theme;
  children: ReactNode;
}) {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <>
      <header className="gs-header">
        <h1>{title}</h1>
        <p className="muted">{about}</p>
        <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
          Switch to the {theme === 'dark' ? 'light' : 'dark'} theme
        </button>
      </header>
      {children}
      <footer className="muted gs-footer">
        Exported from Gatherscope: every number was measured on a real PostgreSQL. This file works offline.
      </footer>
    </>
  );
}
