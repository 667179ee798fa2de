'use strict';
/*
 * A real LRS for the tests: Learning Locker's statement service (xapi-statements) in memory mode,
 * behind a small front that adds what its test auth lacks (Basic credentials), counts how often
 * each statement id was POSTed, can hold responses (to kill a worker mid-request) and can stop and
 * start listening (an LRS outage) while its memory keeps the statements. Driven over IPC.
 */
Object.assign(process.env, { MODELS_REPO: 'memory', STORAGE_REPO: 'memory', AUTH_REPO: 'test', EVENTS_REPO: 'test', WINSTON_CONSOLE_LEVEL: 'error' });
const http = require('node:http');
const express = require('xapi-statements/node_modules/express');
const dist = (m) => require(`xapi-statements/dist/${m}`).default;
const constants = require('xapi-statements/dist/utils/constants');

const config = dist('config');
const presenter = dist('expressPresenter')({
  llClientInfoEndpoint: config.llClientInfoEndpoint, customRoute: config.express.customRoute, customRouteText: config.express.customRouteText,
  morganDirectory: config.express.morganDirectory, bodyParserLimit: '20mb', service: dist('serviceFactory')(), tracker: dist('tracker'),
  translator: dist('translatorFactory')(), logger: dist('logger'),
});
const lrs = express();
lrs.use(constants.aboutRoute, presenter.aboutRouter);
lrs.use(constants.fullActivitiesRoute, presenter.fullActivitiesRouter);
lrs.use(constants.statementsRoute, presenter.statementsRouter);

const expectedAuth = `Basic ${Buffer.from(`${process.env.LRS_TEST_USERNAME}:${process.env.LRS_TEST_PASSWORD}`).toString('base64')}`;
const received = new Map();
let holding = false;
const held = [];
let inner;
let front;
const sockets = new Set();

function count(body) {
  try {
    const parsed = JSON.parse(body.toString('utf8'));
    for (const s of Array.isArray(parsed) ? parsed : [parsed]) if (s && s.id) received.set(s.id, (received.get(s.id) || 0) + 1);
  } catch { /* the LRS itself answers malformed bodies */ }
}

function forward(req, res, body) {
  const upstream = http.request({ host: '127.0.0.1', port: inner.address().port, method: req.method, path: req.url, headers: req.headers }, (up) => {
    const chunks = [];
    up.on('data', (c) => chunks.push(c));
    up.on('end', () => {
      const send = () => { res.writeHead(up.statusCode, up.headers); res.end(Buffer.concat(chunks)); };
      if (holding && req.method === 'POST') held.push(send); else send();
    });
  });
  upstream.on('error', (err) => { res.writeHead(502); res.end(String(err)); });
  upstream.end(body);
}

function handle(req, res) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const isAbout = req.url.startsWith('/xAPI/about');
    if (!isAbout && req.headers.authorization !== expectedAuth) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ message: 'Unauthorised: unknown key or secret' }));
    }
    if (req.method === 'POST' && req.url.startsWith('/xAPI/statements')) count(body);
    forward(req, res, body);
  });
}

function listen(port) {
  front = http.createServer(handle);
  front.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  return new Promise((resolve) => front.listen(port, '127.0.0.1', () => resolve(front.address().port)));
}

const commands = {
  async stop() {
    if (!front.listening) return;
    await new Promise((resolve) => { front.close(resolve); for (const s of sockets) s.destroy(); });
  },
  async start(msg) { if (!front.listening) await listen(msg.port); },
  async received() { return Object.fromEntries(received); },
  async hold(msg) { holding = msg.on; if (!holding) held.splice(0).forEach((send) => send()); return held.length; },
  async heldCount() { return held.length; },
};

process.on('message', async (msg) => {
  const result = await commands[msg.cmd](msg);
  process.send({ id: msg.id, result });
});

inner = lrs.listen(0, '127.0.0.1', async () => {
  const port = await listen(Number(process.env.LRS_TEST_PORT || 0));
  process.send({ ready: true, port });
});
