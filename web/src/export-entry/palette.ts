/**
 * Concrete colours for drawings that leave the app (SVG and PNG files, the HTML export): CSS
 * variables of styles.css do not exist there. Same Okabe–Ito values as styles.css.
 */
export type ExportTheme = 'light' | 'dark';

const okabeIto: Record<string, string> = {
  '--c-blue': '#0072b2',
  '--c-orange': '#e69f00',
  '--c-sky': '#56b4e9',
  '--c-green': '#009e73',
  '--c-yellow': '#f0e442',
  '--c-vermillion': '#d55e00',
  '--c-purple': '#cc79a7',
};

export interface Palette {
  bg: string;
  bgAlt: string;
  fg: string;
  muted: string;
  border: string;
  error: string;
  accent: string;
}

export const palettes: Record<ExportTheme, Palette> = {
  light: {
    bg: '#ffffff',
    bgAlt: '#f5f6f8',
    fg: '#1b1f24',
    muted: '#57606a',
    border: '#d0d7de',
    error: '#c0392b',
    accent: '#0969da',
  },
  dark: {
    bg: '#0d1117',
    bgAlt: '#161b22',
    fg: '#e6edf3',
    muted: '#9198a1',
    border: '#30363d',
    error: '#ff6b5e',
    accent: '#4493f8',
  },
};

/** `var(--c-blue)` → `#0072b2`; anything else is returned as it is. */
export function resolveColor(color: string, theme: ExportTheme): string {
  const m = /^var\((--[a-z-]+)\)$/.exec(color);
  if (!m) return color;
  if (m[1] === '--c-error') return palettes[theme].error;
  return okabeIto[m[1]!] ?? palettes[theme].fg;
}
