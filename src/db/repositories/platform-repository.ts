import { sql } from 'kysely';
import type { Db } from '../connection.js';
import type { PlatformStatus } from '../schema.js';

export interface PlatformRecord {
  id: string;
  issuer: string;
  clientId: string;
  name: string;
  productFamily: string | null;
  authEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** The audience of the tool's OAuth2 client assertion (the token endpoint when null). */
  authorizationServer: string | null;
  status: PlatformStatus;
  registeredVia: 'dynamic' | 'cli';
  deploymentIds: string[];
  /** Tenant (deployment row) id of each deployment id, read in the same query. */
  tenantIds: Record<string, string>;
}

export interface NewPlatform {
  issuer: string;
  clientId: string;
  name: string;
  productFamily: string | null;
  authEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  authorizationServer?: string | null;
  status: PlatformStatus;
  registeredVia: 'dynamic' | 'cli';
}

const rowOf = (platform: NewPlatform) => ({
  issuer: platform.issuer, client_id: platform.clientId, name: platform.name,
  product_family: platform.productFamily, auth_endpoint: platform.authEndpoint,
  token_endpoint: platform.tokenEndpoint, jwks_uri: platform.jwksUri,
  authorization_server: platform.authorizationServer ?? null,
  status: platform.status, registered_via: platform.registeredVia,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createPlatformRepository(db: Db) {
  const selectPlatforms = () =>
    db
      .selectFrom('lti_registrations as p')
      .select((eb) => [
        'p.id', 'p.issuer', 'p.client_id', 'p.name', 'p.product_family', 'p.auth_endpoint',
        'p.token_endpoint', 'p.jwks_uri', 'p.authorization_server', 'p.status', 'p.registered_via',
        eb.fn
          .coalesce(
            eb.selectFrom('lti_deployments as d').whereRef('d.platform_id', '=', 'p.id')
              .select((e) => e.fn.agg<string[]>('array_agg', ['d.deployment_id']).as('ids')),
            eb.val<string[]>([]),
          )
          .as('deployment_ids'),
        eb.fn
          .coalesce(
            eb.selectFrom('lti_deployments as d').whereRef('d.platform_id', '=', 'p.id')
              .select(sql<Record<string, string>>`jsonb_object_agg(d.deployment_id, d.id)`.as('t')),
            sql<Record<string, string>>`'{}'::jsonb`,
          )
          .as('tenant_ids'),
      ]);

  const toRecord = (row: Awaited<ReturnType<ReturnType<typeof selectPlatforms>['executeTakeFirstOrThrow']>>): PlatformRecord => ({
    id: row.id,
    issuer: row.issuer,
    clientId: row.client_id,
    name: row.name,
    productFamily: row.product_family,
    authEndpoint: row.auth_endpoint,
    tokenEndpoint: row.token_endpoint,
    jwksUri: row.jwks_uri,
    authorizationServer: row.authorization_server,
    status: row.status,
    registeredVia: row.registered_via,
    deploymentIds: [...(row.deployment_ids ?? [])].sort(),
    tenantIds: row.tenant_ids ?? {},
  });

  return {
    async list(): Promise<PlatformRecord[]> {
      const rows = await selectPlatforms().orderBy('p.created_at').execute();
      return rows.map(toRecord);
    },

    async find(issuer: string, clientId: string): Promise<PlatformRecord | undefined> {
      const row = await selectPlatforms().where('p.issuer', '=', issuer).where('p.client_id', '=', clientId).executeTakeFirst();
      return row && toRecord(row);
    },

    /** Every registration of an issuer (a login without client_id needs exactly one). */
    async findByIssuer(issuer: string): Promise<PlatformRecord[]> {
      return (await selectPlatforms().where('p.issuer', '=', issuer).execute()).map(toRecord);
    },

    async findById(id: string): Promise<PlatformRecord | undefined> {
      if (!UUID.test(id)) return undefined;
      const row = await selectPlatforms().where('p.id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    /**
     * Inserts a platform that is not registered yet; undefined, and nothing written, when the
     * issuer + client_id exists (atomic: two registrations racing cannot both win).
     */
    async saveNew(platform: NewPlatform, deploymentIds: string[]): Promise<PlatformRecord | undefined> {
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('lti_registrations')
          .values(rowOf(platform))
          .onConflict((oc) => oc.columns(['issuer', 'client_id']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!row) return undefined;
        if (deploymentIds.length) {
          await trx
            .insertInto('lti_deployments')
            .values(deploymentIds.map((deploymentId) => ({ platform_id: row.id, deployment_id: deploymentId })))
            .execute();
        }
        return row.id;
      });
      return id === undefined ? undefined : this.findById(id);
    },

    /** Inserts or updates the platform, then adds any deployment ids it does not have yet. */
    async save(platform: NewPlatform, deploymentIds: string[]): Promise<PlatformRecord> {
      const id = await db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('lti_registrations')
          .values(rowOf(platform))
          .onConflict((oc) =>
            oc.columns(['issuer', 'client_id']).doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              product_family: eb.ref('excluded.product_family'),
              auth_endpoint: eb.ref('excluded.auth_endpoint'),
              token_endpoint: eb.ref('excluded.token_endpoint'),
              jwks_uri: eb.ref('excluded.jwks_uri'),
              authorization_server: eb.ref('excluded.authorization_server'),
            })),
          )
          .returning('id')
          .executeTakeFirstOrThrow();
        if (deploymentIds.length) {
          await trx
            .insertInto('lti_deployments')
            .values(deploymentIds.map((deploymentId) => ({ platform_id: id, deployment_id: deploymentId })))
            .onConflict((oc) => oc.columns(['platform_id', 'deployment_id']).doNothing())
            .execute();
        }
        return id;
      });
      return (await this.findById(id))!;
    },

    async setStatus(id: string, status: PlatformStatus): Promise<boolean> {
      const res = await db.updateTable('lti_registrations').set({ status }).where('id', '=', id).executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },

    async removeDeployment(platformId: string, deploymentId: string): Promise<boolean> {
      const res = await db.deleteFrom('lti_deployments').where('platform_id', '=', platformId).where('deployment_id', '=', deploymentId).executeTakeFirst();
      return res.numDeletedRows > 0n;
    },

    async remove(id: string): Promise<boolean> {
      const res = await db.deleteFrom('lti_registrations').where('id', '=', id).executeTakeFirst();
      return res.numDeletedRows > 0n;
    },
  };
}

export type PlatformRepository = ReturnType<typeof createPlatformRepository>;
