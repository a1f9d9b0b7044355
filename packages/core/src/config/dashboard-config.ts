import { z } from 'zod';

/** Defaults of the operator's dashboard. */
export const DefaultDashboardConfig = {
  allowRemote: false,
  loginLinkMinutes: 10,
  sessionHours: 12,
} as const;

/** The operator's web dashboard, served at `/` by `genhub start`. */
export const dashboardConfigSchema = z
  .object({
    /**
     * A secret API clients send as `Authorization: Bearer <token>`; unset, only the one-time links
     * of `genhub dashboard-link` open the dashboard.
     */
    token: z.string().trim().min(24, { message: 'must be at least 24 characters' }).optional(),
    /**
     * Answer requests that come from another machine or through a reverse proxy; off, the dashboard
     * answers only to requests made on this machine to a loopback address.
     */
    allowRemote: z
      .union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')])
      .default(DefaultDashboardConfig.allowRemote),
    /** How long a link of `genhub dashboard-link` works (it works once). */
    loginLinkMinutes: z.coerce
      .number()
      .positive()
      .max(24 * 60)
      .default(DefaultDashboardConfig.loginLinkMinutes),
    /** How long a browser stays signed in after opening such a link. */
    sessionHours: z.coerce
      .number()
      .positive()
      .max(24 * 31)
      .default(DefaultDashboardConfig.sessionHours),
  })
  .strict();

export type DashboardConfig = z.output<typeof dashboardConfigSchema>;
