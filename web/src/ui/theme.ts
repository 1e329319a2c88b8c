import { useCallback, useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'gatherscope.theme';

const isTheme = (v: string | null): v is Theme => v === 'light' || v === 'dark';

function urlTheme(win: Window): Theme | undefined {
  const q = new URLSearchParams(win.location.search).get('theme');
  return isTheme(q) ? q : undefined;
}

const systemTheme = (win: Window): Theme =>
  win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';

/** For pages that keep no preference (the embed view, the HTML export): `?theme=`, else the system's. */
export function pageTheme(win: Window = window): Theme {
  return urlTheme(win) ?? systemTheme(win);
}

/** The app's: `?theme=`, else the reader's saved choice, else the system's. */
export function initialTheme(): Theme {
  const saved = window.localStorage.getItem(KEY);
  return urlTheme(window) ?? (isTheme(saved) ? saved : systemTheme(window));
}

export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const toggle = useCallback(() => {
    setTheme((t) => {
      const next = t === 'dark' ? 'light' : 'dark';
      window.localStorage.setItem(KEY, next);
      return next;
    });
  }, []);
  return [theme, toggle];
}
