export { savedWorkloadRoutes } from './routes';
