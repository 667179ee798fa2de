import ltijs, { type LtijsProvider } from 'ltijs';
import Database from 'ltijs-sequelize';
import { DataTypes } from 'sequelize';

export interface LtijsOptions {
  databaseUrl: string;
  poolSize: number;
  encryptionKey: string;
  cookies: { secure: boolean; sameSite: 'Lax' | 'None' };
  tokenMaxAgeSeconds: number;
  /** `tool` (default): ltijs validates the launch only, the tool keeps its own session. `ltijs`: ltijs's cookie + ltik sessions (the benchmark's bare baseline). */
  sessionMode?: 'tool' | 'ltijs';
}

export const LTI_ROUTES = { login: '/login', launch: '/launch', keys: '/keys' } as const;

/**
 * A fresh ltijs Provider on ltijs-sequelize. ltijs exports a singleton; building new instances
 * from its class lets every createApp() (server, each test, benchmark) own one.
 */
export async function createLtijsProvider(options: LtijsOptions): Promise<LtijsProvider> {
  const ProviderClass = (ltijs.Provider as object).constructor as new () => LtijsProvider;
  const provider = new ProviderClass();
  const url = new URL(options.databaseUrl);
  const plugin = new Database(decodeURIComponent(url.pathname.slice(1)) || 'postgres', decodeURIComponent(url.username), decodeURIComponent(url.password), {
    host: url.hostname,
    port: Number(url.port || 5432),
    dialect: 'postgres',
    logging: false,
    pool: { max: options.poolSize, min: 0, idle: 10_000 },
  });
  provider.setup(options.encryptionKey, { plugin }, {
    appRoute: LTI_ROUTES.launch,
    loginRoute: LTI_ROUTES.login,
    keysetRoute: LTI_ROUTES.keys,
    // Sessions after the launch are the tool's own (no cookie), so ltijs only validates the launch.
    ltiaas: options.sessionMode !== 'ltijs',
    cors: false,
    cookies: { secure: options.cookies.secure, sameSite: options.cookies.sameSite },
    tokenMaxAge: options.tokenMaxAgeSeconds,
  });
  await provider.deploy({ serverless: true, silent: true });
  restoreAuthorizationServerField(plugin);
  return provider;
}

/**
 * ltijs-sequelize 2.4.4's migration adds `platforms.authorizationServer` but its model lacks the
 * attribute, so the value is dropped on save and read back as undefined (then the OAuth2
 * client assertion has no audience). Declaring it after the migration ran restores it.
 */
function restoreAuthorizationServerField(plugin: Database): void {
  const model = plugin.db.models.platform;
  if (model.rawAttributes.authorizationServer) return;
  model.rawAttributes.authorizationServer = { type: DataTypes.TEXT };
  model.refreshAttributes();
}
