import type { ReactNode } from 'react';
import { ComparePage } from '../compare/ComparePage';
import { HistoryPage } from '../history/HistoryPage';
import { RunPage } from '../history/RunPage';
import { LoadTestPage } from '../load/LoadTestPage';
import { MatrixPage } from '../matrix/MatrixPage';
import { ProfilePage } from '../profile/ProfilePage';

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
  { path: '/load/:id', render: (p) => <LoadTestPage key={p.id} id={p.id} /> },
  {
    path: '/load',
    nav: 'Load test',
    render: () => <LoadTestPage />,
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
