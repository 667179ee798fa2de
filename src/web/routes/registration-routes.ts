import { Router } from 'express';
import { z } from 'zod';
import { registerDynamically, type DynamicRegistrationDeps } from '../../lti/dynamic-registration.js';
import { canvasToolConfiguration } from '../../lti/canvas-config.js';
import { AppError } from '../../shared/errors.js';
import type { RenderView } from '../views.js';

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
    if (!query.success) {
      throw new AppError('REGISTRATION_PARAMS_INVALID', 400, 'Dynamic registration needs an openid_configuration URL (and usually a registration_token) from the LMS.', {
        advice: 'Start the registration from the LMS\'s "Register tool" / "Dynamic registration" screen with this URL.',
      });
    }
    const result = await registerDynamically(deps, { openidConfiguration: query.data.openid_configuration, registrationToken: query.data.registration_token });
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
