import type { ReactNode } from 'react';

/** Honest placeholder for a page a later release fills: it says what is coming and shows no data. */
export function ComingSoon({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <p className="lead">{children}</p>
      <p className="muted">This page is not built yet. Nothing here is measured, so nothing is shown.</p>
    </section>
  );
}
