import { lazy, type ReactNode } from 'react';

// Each page is its own chunk, downloaded when it is first shown: the embed view and a first visit to
// one page do not pay for the others (the SQL editor, the load-test charts, the matrix).
const CapturePage = lazy(() => import('../capture/CapturePage').then((m) => ({ default: m.CapturePage })));
const ComparePage = lazy(() => import('../compare/ComparePage').then((m) => ({ default: m.ComparePage })));
const LoadComparePage = lazy(() =>
  import('../compare/LoadComparePage').then((m) => ({ default: m.LoadComparePage })),
);
const HistoryPage = lazy(() => import('../history/HistoryPage').then((m) => ({ default: m.HistoryPage })));
const RunPage = lazy(() => import('../history/RunPage').then((m) => ({ default: m.RunPage })));
const LoadTestPage = lazy(() => import('../load/LoadTestPage').then((m) => ({ default: m.LoadTestPage })));
const MatrixPage = lazy(() => import('../matrix/MatrixPage').then((m) => ({ default: m.MatrixPage })));
const ProfilePage = lazy(() => import('../profile/ProfilePage').then((m) => ({ default: m.ProfilePage })));

export interface RouteDef {
  path: string;
  /** Shown in the main navigation when set. */
  nav?: string;
  render: (params: Record<string, string>) => ReactNode;
}

/** Every page of the app. More specific paths first. */
export const routes: RouteDef[] = [
  {
    path: '/profile',
    nav: 'Profile',
    render: () => <ProfilePage />,
  },
  { path: '/compare', render: () => <ComparePage /> },
  { path: '/compare/load', render: () => <LoadComparePage /> },
  { path: '/load/:id', render: (p) => <LoadTestPage key={p.id} id={p.id} /> },
  {
    path: '/load',
    nav: 'Load test',
    render: () => <LoadTestPage />,
  },
  { path: '/capture/:id', render: (p) => <CapturePage key={p.id} id={p.id} /> },
  {
    path: '/capture',
    nav: 'Capture',
    render: () => <CapturePage />,
  },
  {
    path: '/matrix',
    nav: 'Decision matrix',
    render: () => <MatrixPage />,
  },
  {
    path: '/history',
    nav: 'History',
    render: () => <HistoryPage />,
  },
  { path: '/runs/:id', render: (p) => <RunPage key={p.id} id={p.id ?? ''} /> },
];
