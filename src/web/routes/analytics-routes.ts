import { Router, type Response } from 'express';
import { analyticsError } from '../../mentoring/analytics/analytics-errors.js';
import { viewCourseDashboard } from '../../mentoring/analytics/course-overview.js';
import {
  applySuggestedWeights, setMatchRateTarget, viewProgramDashboard, type AnalyticsDeps,
} from '../../mentoring/analytics/dashboard-use-cases.js';
import type { Clock } from '../../shared/clock.js';
import { courseView, programView } from '../analytics/dashboard-view.js';
import { courseTable, tableCsv, type DataTable } from '../analytics/dashboard-tables.js';
import { courseChart } from '../charts/insight-charts.js';
import { svgFile, type Chart } from '../charts/plot-svg.js';
import { allow } from '../policy.js';
import type { RenderView } from '../views.js';
import { bodyOf, noticeFrom, redirectTo, scopeOf, sessionOf, uuidParams } from './route-helpers.js';

interface Deps extends AnalyticsDeps {
  render: RenderView;
  clock: Clock;
}

const NOTICES = {
  target: 'Match-rate target saved.',
  weights: 'The suggested weights are now the program\'s matching weights. They apply from the next matching run.',
};

const sendCsv = (res: Response, tables: DataTable[], name: string, prefix: string) => {
  const table = tables.find((t) => `${t.id}.csv` === name);
  if (!table) throw analyticsError('DASHBOARD_NOT_FOUND', { name });
  res.type('text/csv; charset=utf-8').attachment(`${prefix}-${table.id}.csv`).send(tableCsv(table));
};

const sendSvg = (res: Response, charts: Chart[], name: string, prefix: string) => {
  const chart = charts.find((c) => `${c.id}.svg` === name);
  if (!chart) throw analyticsError('DASHBOARD_NOT_FOUND', { name });
  res.type('image/svg+xml; charset=utf-8').attachment(`${prefix}-${chart.id}.svg`).send(svgFile(chart));
};

/** Staff dashboards: a program's (with exports and the weight suggestions) and the course's. */
export function analyticsRoutes(deps: Deps): Router {
  const router = Router();
  const base = '/staff/programs/:programId/dashboard';
  const dashboardOf = async (res: Response, programId: string) => viewProgramDashboard(deps, scopeOf(res), programId, deps.clock.now());

  router.get('/staff/dashboard', allow('view-analytics'), async (req, res) => {
    const rows = await viewCourseDashboard(deps, scopeOf(res));
    res.type('html').send(deps.render('analytics/course', courseView(res, rows, req.query.print === '1')));
  });
  router.get('/staff/dashboard/:file', allow('view-analytics'), async (req, res) => {
    const rows = await viewCourseDashboard(deps, scopeOf(res));
    const file = String(req.params.file);
    if (file.endsWith('.svg')) return sendSvg(res, [courseChart(rows)], file, 'course');
    sendCsv(res, [courseTable(rows)], file, 'course');
  });

  router.get(base, allow('view-analytics'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    const view = programView(res, await dashboardOf(res, programId), { print: req.query.print === '1', notice: noticeFrom(req, NOTICES) });
    res.type('html').send(deps.render('analytics/program', { ...view, courseTitle: sessionOf(res).courseTitle }));
  });
  router.get(`${base}/:file`, allow('view-analytics'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    const view = programView(res, await dashboardOf(res, programId), { print: false, notice: null });
    const file = String(req.params.file);
    if (file.endsWith('.svg')) return sendSvg(res, view.charts, file, 'program');
    sendCsv(res, view.tables, file, 'program');
  });

  router.post(`${base}/target`, allow('view-analytics'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    await setMatchRateTarget(deps, scopeOf(res), programId, bodyOf(req));
    redirectTo(res, `/staff/programs/${programId}/dashboard`, { notice: 'target' });
  });
  router.post(`${base}/weights`, allow('apply-matching-weights'), async (req, res) => {
    const { programId } = uuidParams(req, 'programId');
    await applySuggestedWeights(deps, scopeOf(res), programId, bodyOf(req), deps.clock.now());
    redirectTo(res, `/staff/programs/${programId}/dashboard`, { notice: 'weights' });
  });
  return router;
}
