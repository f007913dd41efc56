// The portal's Firebase settings, resolved at build time from its VITE_* settings (scripts/portal-build.mjs).
declare const __PORTAL_CONFIG__: import("../../scripts/portal-build.mjs").PortalConfig;
