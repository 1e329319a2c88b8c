import { Link } from '../ui/Link';

export function NotFound({ path }: { path: string }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">Page not found</h1>
      <p>
        There is no page at <code>{path}</code>. <Link to="/profile">Go to Profile</Link>.
      </p>
    </section>
  );
}
