// Wire types of environments; types only (see ../shared.ts).
import type { PageParams } from '../shared';

/** Mirrors `BetaUnrestrictedNetwork`. */
export interface UnrestrictedNetwork {
  type: 'unrestricted';
}

/** Mirrors `BetaLimitedNetwork`. */
export interface LimitedNetwork {
  allow_mcp_servers: boolean;
  allow_package_managers: boolean;
  allowed_hosts: string[];
  type: 'limited';
}

/** Mirrors `BetaPackages`. */
export interface Packages {
  apt: string[];
  cargo: string[];
  gem: string[];
  go: string[];
  npm: string[];
  pip: string[];
  type?: 'packages';
}

/** Mirrors `BetaCloudConfig`. */
export interface CloudConfig {
  networking: UnrestrictedNetwork | LimitedNetwork;
  packages: Packages;
  type: 'cloud';
}

/** Mirrors `BetaSelfHostedConfig`. */
export interface SelfHostedConfig {
  type: 'self_hosted';
}

/** Mirrors `BetaEnvironment`. */
export interface Environment {
  id: string;
  archived_at: string | null;
  config: CloudConfig | SelfHostedConfig;
  created_at: string;
  description: string | null;
  metadata: { [key: string]: string };
  name: string;
  type: 'environment';
  updated_at: string;
  scope?: 'organization' | 'account';
}

/** Mirrors `EnvironmentListParams` (minus header params). */
export interface EnvironmentListParams extends PageParams {
  include_archived?: boolean;
}
