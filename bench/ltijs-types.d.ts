// Minimal typings for the parts of ltijs 5.9 we use (@types/ltijs is stale).
declare module 'ltijs' {
  import type { RequestHandler, Express } from 'express';
  export interface LtijsPlatform {
    platformId(): Promise<string>;
    platformActive(active?: boolean): Promise<boolean>;
    platformKid(): Promise<string>;
    /** PKCS#1 PEM of the key pair ltijs made for this registration. */
    platformPrivateKey(): Promise<string>;
    platformAccessTokenEndpoint(): Promise<string>;
    platformAuthorizationServer(): Promise<string | undefined>;
    delete(): Promise<unknown>;
  }
  export interface LtijsPlatformInput {
    url: string;
    name: string;
    clientId: string;
    authenticationEndpoint: string;
    accesstokenEndpoint: string;
    authorizationServer?: string;
    authConfig: { method: 'JWK_SET' | 'JWK_KEY' | 'RSA_KEY'; key: string };
  }
  type Callback = (token: any, req: any, res: any, next: () => void) => unknown;
  export interface LtijsProvider {
    app: Express & RequestHandler;
    Database: any;
    setup(encryptionKey: string, database: { plugin: unknown }, options: Record<string, unknown>): LtijsProvider;
    deploy(options: { serverless: true; silent?: boolean }): Promise<true>;
    close(options?: { silent?: boolean }): Promise<true>;
    onConnect(cb: Callback): true;
    onDeepLinking(cb: Callback): true;
    onInvalidToken(cb: (req: any, res: any, next: () => void) => unknown): true;
    onSessionTimeout(cb: (req: any, res: any, next: () => void) => unknown): true;
    onUnregisteredPlatform(cb: (req: any, res: any) => unknown): true;
    onInactivePlatform(cb: (req: any, res: any) => unknown): true;
    registerPlatform(platform: LtijsPlatformInput): Promise<LtijsPlatform>;
    getPlatform(url: string, clientId: string): Promise<LtijsPlatform | false>;
    deletePlatform(url: string, clientId: string): Promise<boolean>;
  }
  const ltijs: { Provider: LtijsProvider };
  export default ltijs;
}

declare module 'ltijs-sequelize' {
  class Database {
    constructor(database: string, user: string, pass: string, options: Record<string, unknown>);
    db: any;
    setup(): Promise<true>;
    Close(): Promise<true>;
  }
  export default Database;
}
