// @genhub/dashboard: the operator's web dashboard, mounted on GenHub's HTTP server by `genhub start`.
export { createLoginToken } from './access.js';
export type { Dashboard, DashboardOptions } from './dashboard.js';
export {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  createDashboard,
  DefaultDashboardOptions,
} from './dashboard.js';
export { ASSETS_DIR } from './static-assets.js';
