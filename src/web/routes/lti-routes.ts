import { Router, type RequestHandler } from 'express';
import type { ToolKeys } from '../../lti/tool-keys.js';

export const LTI_PATHS = { login: '/lti/login', launch: '/lti/launch', keys: '/lti/keys' } as const;

/** The LTI 1.3 endpoints: OIDC login (GET or POST), the id_token form_post, the tool's JWKS. */
export function ltiRoutes(deps: { login: RequestHandler; launch: RequestHandler; keys: ToolKeys }) {
  const router = Router();
  router.get(LTI_PATHS.login, deps.login);
  router.post(LTI_PATHS.login, deps.login);
  router.post(LTI_PATHS.launch, deps.launch);
  router.get(LTI_PATHS.keys, async (_req, res) => {
    // Platforms cache the keyset; a rotated-out key stays in it for the overlap period.
    res.set('Cache-Control', 'public, max-age=300').json(await deps.keys.jwks());
  });
  return router;
}
