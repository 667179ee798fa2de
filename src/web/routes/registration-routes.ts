import { Router } from 'express';
import { z } from 'zod';
import { canvasToolConfiguration } from '../../lti/canvas-config.js';
import {
  registerDynamically, type DynamicRegistrationDeps,
} from '../../lti/dynamic-registration.js';
import { registrationRefusal } from '../../lti/registration-refusals.js';
import type { RenderView } from '../views.js';

/**
 * Visible ASCII only: a token goes into the Authorization header exactly as issued, so one that
 * could not travel there unchanged (spaces, control characters, non-ASCII) is refused, not mended.
 */
const TOKEN = /^[\x21-\x7e]+$/;

const registerQuery = z.object({
  openid_configuration: z.url({ protocol: /^https?$/ }),
  registration_token: z.string().min(1).max(8192).optional(),
});

export function registrationRoutes(deps: DynamicRegistrationDeps & { render: RenderView }): Router {
  const router = Router();

  router.get('/lti/config.json', (_req, res) => {
    res.json(canvasToolConfiguration(deps.publicUrl, deps.toolName));
  });

  router.get('/lti/register', async (req, res) => {
    const query = registerQuery.safeParse(req.query);
    if (!query.success) throw registrationRefusal('REGISTRATION_PARAMS_INVALID');
    const token = query.data.registration_token;
    if (token !== undefined && !TOKEN.test(token)) {
      throw registrationRefusal('REGISTRATION_TOKEN_INVALID');
    }
    const result = await registerDynamically(deps, {
      openidConfiguration: query.data.openid_configuration,
      registrationToken: token,
    });
    res.type('html').send(
      deps.render('registration/done', {
        title: 'Mentoring Circles is registered',
        platformName: result.platformName,
        clientId: result.registration.clientId,
        deploymentIds: result.registration.deploymentIds,
        pending: result.status !== 'active',
      }),
    );
  });

  return router;
}
