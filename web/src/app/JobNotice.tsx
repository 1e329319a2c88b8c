import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { runJob } from '../api/runs';
import { captureJob } from '../capture/api';
import { resumeFollowedJobs, useRunningJobs } from '../jobs/watch';
import { loadJob } from '../load/api';
import { Link } from '../ui/Link';
import { useLocation } from '../ui/router';
import './job-notice.css';

/**
 * "Run in progress · back to it", "Load test in progress · back to it", on every page but the job's
 * own: the job keeps going while the user looks elsewhere in the app (its stream is the tab's), and
 * this is the way back to it. After a reload of any page, the tab follows its jobs again at once.
 */
export function JobNotice() {
  const client = useQueryClient();
  useEffect(() => {
    resumeFollowedJobs(client, runJob);
    resumeFollowedJobs(client, loadJob);
    resumeFollowedJobs(client, captureJob);
  }, [client]);
  const location = useLocation();
  const elsewhere = useRunningJobs().filter((j) => !j.shows(location));
  // One line per kind: the latest job of each (a tab rarely follows more than one).
  const latest = new Map(elsewhere.map((j) => [j.label, j]));
  return (
    <>
      {[...latest.values()].map((j) => (
        <p key={j.label} className="job-notice" role="status">
          {j.label} in progress · <Link to={j.href}>back to it</Link>
        </p>
      ))}
    </>
  );
}
