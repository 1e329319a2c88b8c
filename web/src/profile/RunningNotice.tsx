import { useRunningRuns } from '../api/run-watch';
import { Link } from '../ui/Link';
import { useLocation } from '../ui/router';
import './running-notice.css';

/**
 * "Run in progress · back to it", on every page but the run's own: the run keeps going while the
 * user looks elsewhere in the app (its stream is the tab's), and this is the way back to it.
 */
export function RunningNotice() {
  const running = useRunningRuns();
  const { pathname, search } = useLocation();
  const shown = pathname === '/profile' ? new URLSearchParams(search).get('run') : null;
  const id = running.filter((r) => r !== shown && pathname !== `/runs/${encodeURIComponent(r)}`).at(-1);
  if (!id) return null;
  return (
    <p className="running-notice" role="status">
      Run in progress · <Link to={`/profile?run=${encodeURIComponent(id)}`}>back to it</Link>
    </p>
  );
}
