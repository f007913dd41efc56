// Types of portal-build.mjs for the TypeScript that imports it (vite.config.ts, the tests).
export declare const PRODUCTION_SETTINGS: readonly string[];
export declare const BUILD_INFO_FILE: string;
export declare const DEMO_PROJECT: string;
export declare class PortalSettingsError extends Error {}
export interface PortalConfig {
  apiKey: string;
  authDomain: string;
  projectId: string;
  appId: string;
  storageBucket: string;
  functionsRegion: string;
  recaptchaSiteKey: string | undefined;
  appCheckStartSeconds: number;
}
export interface PortalBuildInfo {
  project: string;
  demo: boolean;
  storageBucket: string;
  functionsRegion: string;
  appId: string;
  appCheck: "emulator" | "recaptcha-enterprise";
  recaptchaSiteKey: string | null;
}
export declare function portalBuild(env: Record<string, string | undefined>): {
  config: PortalConfig;
  info: PortalBuildInfo;
};
export declare function deployRefusal(info: PortalBuildInfo | undefined, project: string): string | undefined;
