import type { Matrix } from '@gatherscope/shared';

/**
 * Names the database the presets run on; when it is not the embedded demo, heavy presets (load
 * tests, CPU-heavy queries) stay disabled until the user ticks this explicit confirmation.
 */
export function HeavyConfirm({
  database,
  confirmed,
  onChange,
}: {
  database: Matrix['database'];
  confirmed: boolean;
  onChange: (confirmed: boolean) => void;
}) {
  if (database.embedded) {
    return <p className="muted">Presets run on {database.label}.</p>;
  }
  return (
    <div className="warning-box" role="note">
      <p>
        Presets run on <strong>{database.label}</strong>, not on the embedded demo. The load and CPU-heavy
        presets put real load on it (up to 64 virtual users with no think time, or 8 CPU-heavy queries at
        once); the batch preset refuses to run here.
      </p>
      <label>
        <input type="checkbox" checked={confirmed} onChange={(e) => onChange(e.target.checked)} /> Allow the
        heavy presets on this database (not a production primary)
      </label>
    </div>
  );
}
