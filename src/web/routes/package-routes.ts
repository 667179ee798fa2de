import { Router, type Request, type Response } from 'express';
import {
  createPackage,
  deletePackage,
  downloadPackage,
  listPackageLearners,
  listPackages,
  rotatePackageSecret,
  setPackageStatus,
  type PackageDeps,
} from '../../delivery/package-use-cases.js';
import type { PackageFieldErrors } from '../../delivery/package-input.js';
import { PACKAGE_KINDS, type PackageStatus } from '../../delivery/package-ports.js';
import { getProgram } from '../../mentoring/programs/program-use-cases.js';
import { allow } from '../policy.js';
import type { RenderView } from '../views.js';
import { learnerRows, packageForm, packageRows } from '../view-models/package-page.js';
import {
  bodyOf,
  noticeFrom,
  redirectTo,
  scopeOf,
  sessionOf,
  urlFor,
  uuidParams,
} from './route-helpers.js';

interface Deps extends PackageDeps {
  render: RenderView;
}

const NOTICES: Record<string, string> = {
  created:
    'Package created. Download the zip and upload it to the LMS as a SCORM (or cmi5) activity.',
  disabled: 'Package disabled: its learners now see a page saying so in their LMS.',
  enabled: 'Package enabled again.',
  deleted: 'Package deleted.',
  rotated:
    'New key made: download the zip again and replace the package in the LMS (the old zip no longer opens).',
};

const base = (programId: string) => `/staff/programs/${programId}/packages`;

/** "Deliver as a package": list with launches and learners, create, disable/enable, delete, zip. */
export function packageRoutes(deps: Deps): Router {
  const router = Router();

  async function renderList(
    res: Response,
    programId: string,
    values = {},
    errors?: PackageFieldErrors,
  ) {
    const scope = scopeOf(res);
    const program = await getProgram(deps, scope, programId);
    const packages = await listPackages(deps, scope, programId);
    res.type('html').send(
      deps.render('programs/packages', {
        title: 'Deliver as a package',
        programTitle: program.title,
        courseTitle: sessionOf(res).courseTitle,
        formAuth: res.locals.formAuth,
        notice: res.statusCode === 200 ? noticeFrom(res.req, NOTICES) : null,
        rows: packageRows(packages, deps.clock.now(), base(programId), (p) => urlFor(res, p)),
        form: packageForm(values, errors),
        urls: { self: base(programId), program: urlFor(res, `/staff/programs/${programId}`) },
      }),
    );
  }

  router.get('/staff/programs/:programId/packages', allow('manage-packages'), async (req, res) => {
    await renderList(res, uuidParams(req, 'programId').programId);
  });

  router.post('/staff/programs/:programId/packages', allow('manage-packages'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    const result = await createPackage(deps, scopeOf(res), programId, bodyOf(req));
    if (!result.ok) {
      res.status(422);
      return renderList(res, programId, bodyOf(req), result.errors);
    }
    redirectTo(res, base(programId), { notice: 'created' });
  });

  router.get(
    '/staff/programs/:programId/packages/:packageId',
    allow('manage-packages'),
    async (req, res) => {
      const { programId, packageId } = uuidParams(req, 'programId', 'packageId');
      const scope = scopeOf(res);
      const program = await getProgram(deps, scope, programId);
      const { package: p, learners } = await listPackageLearners(deps, scope, programId, packageId);
      res.type('html').send(
        deps.render('programs/package-learners', {
          title: `Learners of “${p.label}”`,
          programTitle: program.title,
          label: p.label,
          kind: PACKAGE_KINDS[p.kind].label,
          state: p.status === 'active' ? 'Active' : 'Disabled',
          courseTitle: sessionOf(res).courseTitle,
          rows: learnerRows(learners),
          urls: {
            program: urlFor(res, `/staff/programs/${programId}`),
            packages: urlFor(res, base(programId)),
          },
        }),
      );
    },
  );

  router.get(
    '/staff/programs/:programId/packages/:packageId/download',
    allow('manage-packages'),
    async (req, res) => {
      const { programId, packageId } = uuidParams(req, 'programId', 'packageId');
      const zip = await downloadPackage(deps, scopeOf(res), programId, packageId);
      res.type('application/zip').attachment(zip.fileName).send(Buffer.from(zip.bytes));
    },
  );

  const statusChange =
    (status: PackageStatus, notice: string) => async (req: Request, res: Response) => {
      const { programId, packageId } = uuidParams(req, 'programId', 'packageId');
      await setPackageStatus(deps, scopeOf(res), programId, packageId, status);
      redirectTo(res, base(programId), { notice });
    };
  router.post(
    '/staff/programs/:programId/packages/:packageId/disable',
    allow('manage-packages'),
    statusChange('disabled', 'disabled'),
  );
  router.post(
    '/staff/programs/:programId/packages/:packageId/enable',
    allow('manage-packages'),
    statusChange('active', 'enabled'),
  );

  router.post(
    '/staff/programs/:programId/packages/:packageId/delete',
    allow('manage-packages'),
    async (req, res) => {
      const { programId, packageId } = uuidParams(req, 'programId', 'packageId');
      await deletePackage(deps, scopeOf(res), programId, packageId);
      redirectTo(res, base(programId), { notice: 'deleted' });
    },
  );

  router.post(
    '/staff/programs/:programId/packages/:packageId/rotate',
    allow('manage-packages'),
    async (req, res) => {
      const { programId, packageId } = uuidParams(req, 'programId', 'packageId');
      await rotatePackageSecret(deps, scopeOf(res), programId, packageId);
      redirectTo(res, base(programId), { notice: 'rotated' });
    },
  );

  return router;
}
