/** The port `genhub start` serves HTTP on unless --port or GENHUB_HTTP_PORT says otherwise. */
export const DEFAULT_HTTP_PORT = 8787;
