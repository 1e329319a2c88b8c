import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { runRecordQuery } from '../api/runs';
import { RunView } from '../profile/RunView';
import type { TrialChoice } from '../timeline/types';
import { Link } from '../ui/Link';
import { RunSharePanel } from './RunSharePanel';
import './history.css';

/**
 * The permalink of a run (`/runs/:id`): the Profile page's view of the run, restored from the
 * store (live while it still runs), with its link, embed code and exports.
 */
export function RunPage({ id }: { id: string }) {
  const record = useQuery(runRecordQuery(id));
  // The SVG and PNG exports draw the trial the timelines show.
  const [choice, setChoice] = useState<TrialChoice>({ kind: 'median' });
  return (
    <section className="page run-page" aria-label={`Run ${id}`}>
      <p className="muted">
        <Link to="/history">History</Link> / run {id}
        {record.data ? ` · ${new Date(record.data.createdAt).toLocaleString()}` : ''}
      </p>
      {/* The view's own heading (level 2) says what ran where; the page still needs its title. */}
      {record.data && <h1 className="visually-hidden">{record.data.workload.name}</h1>}
      <RunView id={id} onTrialChoice={setChoice} />
      {record.data && <RunSharePanel run={record.data} choice={choice} />}
    </section>
  );
}
