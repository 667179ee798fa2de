import type { Db } from '../connection.js';

/** Issuer and authorization-endpoint URLs of every active platform: the pages that frame the tool. */
export async function listPlatformUrls(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('lti_registrations').select(['issuer', 'auth_endpoint']).where('status', '=', 'active').execute();
  return rows.flatMap((r) => [r.issuer, r.auth_endpoint]);
}
