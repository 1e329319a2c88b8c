import { Component, type ReactNode, Suspense } from 'react';
import { isChunkLoadError } from './chunk-error';

interface Props {
  /** What is being loaded, for the loading line and the error: "the page", "the SQL editor". */
  what: string;
  children: ReactNode;
}

/**
 * Around code that is downloaded on demand (`React.lazy`): says that it is loading, and, when its
 * chunk cannot be downloaded, says why and offers a reload instead of leaving a blank area. A
 * failed `import()` is cached by React.lazy, so only a reload can try again.
 */
export function ChunkBoundary({ what, children }: Props) {
  return (
    <LoadErrorBoundary what={what}>
      <Suspense
        fallback={
          <p role="status" aria-busy="true" className="muted">
            Loading {what}…
          </p>
        }
      >
        {children}
      </Suspense>
    </LoadErrorBoundary>
  );
}

class LoadErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return <LoadFailure what={this.props.what} error={error} />;
  }
}

function LoadFailure({ what, error }: { what: string; error: Error }) {
  const message = isChunkLoadError(error)
    ? `Gatherscope could not download ${what}. The server may be unreachable (are you offline?), or ` +
      'Gatherscope was updated since this page was opened. Reload the page to get the current version.'
    : `${what.charAt(0).toUpperCase()}${what.slice(1)} failed: ${error.message}. Reload the page to start it again.`;
  return (
    // .error-box keeps line breaks: the button goes on its own line.
    <div className="error-box" role="alert">
      {message}
      {'\n'}
      <button type="button" onClick={() => window.location.reload()}>
        Reload the page
      </button>
    </div>
  );
}
