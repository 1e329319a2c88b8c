import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Shell } from './app/Shell';
import { EmbedApp } from './embed/EmbedApp';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {/* The embed view (iframes in other sites' pages) has no app chrome at all. */}
      {window.location.pathname.startsWith('/embed/') ? <EmbedApp /> : <Shell />}
    </QueryClientProvider>
  </StrictMode>,
);
