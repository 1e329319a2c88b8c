export { connectionRoutes } from './routes';
export { resolveConnectionUrl } from './store';
